package org.heavytail.tailstats.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.heavytail.tailstats.estimate.McCullochEstimator;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.stable.StableDistribution;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The stable law and McCulloch's estimator, on the workloads of the {@code
 * scipy.stats.levy_stable} peer ({@code benchmarks/stable_scipy.py}): 10⁶ SαS(1.5) draws, the
 * density of S(1.5, 0) at 1,000 points of [−20, 20), and McCulloch on 10⁵ SαS(1.5) samples.
 * "OneThread" variants run on the calling thread only; the others use the common fork-join pool
 * (both cores here).
 *
 * <p>Run from the repository root: {@code benchmarks/run_stable_bench.sh} (interleaves this with
 * the scipy peer), or alone:
 *
 * <pre>
 * mvn -B -o -q -pl tailstats -am test-compile
 * mvn -B -o -q -pl tailstats dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp tailstats/target/test-classes:tailstats/target/classes:$(cat /tmp/cp.txt) \
 *     org.heavytail.tailstats.bench.StableBenchmark [regex]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class StableBenchmark {

  static final int SAMPLES = 1_000_000;
  static final int PDF_POINTS = 1000;
  static final int FIT_SAMPLES = 100_000;

  StableDistribution law;
  float[] out;
  float[] chunk;
  double[] xs;
  float[] fitSample;
  McCullochEstimator mcculloch;

  @Setup(Level.Trial)
  public void setup() {
    law = StableDistribution.symmetric(1.5, 1);
    out = new float[SAMPLES];
    chunk = new float[1 << 15];
    xs = new double[PDF_POINTS];
    for (int i = 0; i < PDF_POINTS; i++) {
      xs[i] = -20 + 40.0 * i / PDF_POINTS;
    }
    fitSample = new float[FIT_SAMPLES];
    law.fill(3L, fitSample);
    mcculloch = McCullochEstimator.of();
  }

  /** 10⁶ draws into a float array (parallel chunks). */
  @Benchmark
  public float[] sample1e6() {
    law.fill(new SplittableRandom(42L), out);
    return out;
  }

  /** 10⁶ draws on the calling thread (chunks of 32768 drawn sequentially). */
  @Benchmark
  public float[] sample1e6OneThread() {
    SplittableRandom rng = new SplittableRandom(42L);
    for (int from = 0; from < SAMPLES; from += chunk.length) {
      law.fill(rng, chunk);
      System.arraycopy(chunk, 0, out, from, Math.min(chunk.length, SAMPLES - from));
    }
    return out;
  }

  /** Density at 1,000 points (parallel over points). */
  @Benchmark
  public double[] pdf1000() {
    return law.pdf(xs);
  }

  /** Density at 1,000 points on the calling thread. */
  @Benchmark
  public double pdf1000OneThread() {
    double s = 0;
    for (double x : xs) {
      s += law.pdf(x);
    }
    return s;
  }

  /** McCulloch's estimator (with its delta-method interval) on 10⁵ samples. */
  @Benchmark
  public TailIndexEstimate mcculloch1e5() {
    return mcculloch.estimate(fitSample);
  }

  /** Runs the benchmarks whose names match the optional regex argument. */
  public static void main(String[] args) throws RunnerException {
    Options opt =
        new OptionsBuilder()
            .include(StableBenchmark.class.getSimpleName() + (args.length > 0 ? args[0] : ""))
            .build();
    new Runner(opt).run();
  }
}
