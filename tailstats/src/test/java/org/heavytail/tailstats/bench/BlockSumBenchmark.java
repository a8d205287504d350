package org.heavytail.tailstats.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.stable.StableDistribution;
import org.heavytail.tailstats.table.TailIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Block-sum on 10⁷ float32 SαS(1.5) samples (the workload of {@code ../shared/peers/tail_numpy.py}:
 * m = 1000, K = 10⁴) on one and two threads, the grid median, and {@code --method all} on 10⁶.
 *
 * <p>Run (see benchmarks/estimators.md for the interleaved script that also runs the peer):
 * {@code java -cp tailstats/target/test-classes:tailstats/target/classes:DEPS
 * org.openjdk.jmh.Main BlockSumBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class BlockSumBenchmark {

  float[] x7;
  float[] x6;
  BlockSumEstimator m1000OneThread;
  BlockSumEstimator m1000TwoThreads;
  BlockSumEstimator gridOneThread;
  BlockSumEstimator gridTwoThreads;

  @Setup(Level.Trial)
  public void setup() {
    x7 = new float[10_000_000];
    StableDistribution.symmetric(1.5, 1).fill(0L, x7);
    x6 = new float[1_000_000];
    StableDistribution.symmetric(1.5, 1).fill(1L, x6);
    m1000OneThread = BlockSumEstimator.builder().optBlockSize(1000).optParallelism(1).build();
    m1000TwoThreads = BlockSumEstimator.builder().optBlockSize(1000).optParallelism(2).build();
    gridOneThread = BlockSumEstimator.builder().optParallelism(1).build();
    gridTwoThreads = BlockSumEstimator.builder().optParallelism(2).build();
  }

  @Benchmark
  public TailIndexEstimate blockSumM1000OneThread() {
    return m1000OneThread.estimate(x7);
  }

  @Benchmark
  public TailIndexEstimate blockSumM1000TwoThreads() {
    return m1000TwoThreads.estimate(x7);
  }

  @Benchmark
  public TailIndexEstimate blockSumGridOneThread() {
    return gridOneThread.estimate(x7);
  }

  @Benchmark
  public TailIndexEstimate blockSumGridTwoThreads() {
    return gridTwoThreads.estimate(x7);
  }

  @Benchmark
  public List<TailIndexEstimate> methodAllOn1e6() {
    return TailIndex.estimateAll(x6, List.of("all"));
  }
}
