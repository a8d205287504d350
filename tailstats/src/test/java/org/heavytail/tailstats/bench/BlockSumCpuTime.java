package org.heavytail.tailstats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.heavytail.tailstats.accumulate.LogAbsSum;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * One-thread block-sum cost measured as thread CPU time (minimum of 30 calls after warm-up), so
 * that a machine shared with other jobs does not inflate it; pairs with
 * benchmarks/tail_numpy_cputime.py, which measures NumPy the same way. Prints one RESULT line.
 */
public final class BlockSumCpuTime {

  private BlockSumCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    float[] x = new float[10_000_000];
    StableDistribution.symmetric(1.5, 1).fill(0L, x);
    BlockSumEstimator m1000 = BlockSumEstimator.builder().optBlockSize(1000).optParallelism(1)
        .build();
    BlockSumEstimator grid = BlockSumEstimator.builder().optParallelism(1).build();
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double sink = 0;
    for (int r = 0; r < 40; r++) {
      long t0 = tb.getCurrentThreadCpuTime();
      sink += LogAbsSum.of(x, 0, x.length);
      long t1 = tb.getCurrentThreadCpuTime();
      sink += m1000.estimate(x).alpha();
      long t2 = tb.getCurrentThreadCpuTime();
      sink += grid.estimate(x).alpha();
      long t3 = tb.getCurrentThreadCpuTime();
      if (r >= 10) {
        min[0] = Math.min(min[0], (t1 - t0) / 1e6);
        min[1] = Math.min(min[1], (t2 - t1) / 1e6);
        min[2] = Math.min(min[2], (t3 - t2) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT, "RESULT {\"logsum_cpu_ms\": %.3f, \"m1000_cpu_ms\": %.3f,"
        + " \"grid_cpu_ms\": %.3f, \"sink\": %.3f}%n", min[0], min[1], min[2], sink);
  }
}
