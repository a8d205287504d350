package org.heavytail.trainer.hook;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.tailstats.accumulate.BlockSumAccumulator;
import org.heavytail.tailstats.estimate.BlockSumEstimator;

/**
 * The block-sum tail index (Mohammadi, Mohammadpour and Ogata 2015; SCIENCE.md §2) of one
 * layer's values at one step, through {@code tailstats}' mergeable {@link BlockSumAccumulator}
 * and {@link BlockSumEstimator#estimate(BlockSumAccumulator)} (median of α̂_m over the grid {2, 5,
 * 10, 20, 50, 100, 500, 1000}).
 *
 * <p>Before blocking, the pitfalls of SCIENCE.md §2 are handled: exact zeros (dead units) are
 * dropped, and the values are permuted with a seeded Fisher–Yates shuffle so that neighbouring,
 * correlated coordinates do not share blocks. All values of a layer share one scale, which the
 * estimator does not need (α̂ is scale-invariant). At most {@code maxSamples} values are kept per
 * (layer, step), the first ones offered. An estimate that cannot be made (fewer than the
 * estimator's minimum) is NaN.
 */
public final class BlockSumTracker implements TailIndexTracker {

  private static final Logger LOG = LogManager.getLogger(BlockSumTracker.class);

  private final BlockSumEstimator estimator = BlockSumEstimator.of();
  private final int maxSamples;
  private final long seed;

  private BlockSumTracker(int maxSamples, long seed) {
    this.maxSamples = Require.atLeast("maxSamples", maxSamples, 1);
    this.seed = seed;
  }

  /** A tracker keeping at most {@code maxSamples} values per (layer, step), shuffled with seed. */
  public static BlockSumTracker of(int maxSamples, long seed) {
    return new BlockSumTracker(maxSamples, seed);
  }

  @Override
  public String name() {
    return BlockSumEstimator.NAME;
  }

  @Override
  public Accumulation start() {
    return new Accumulation() {
      private float[] buf = new float[1024];
      private int n;
      private long calls;

      @Override
      public void accept(float[] values, int offset, int length) {
        for (int i = offset; i < offset + length && n < maxSamples; i++) {
          float v = values[i];
          if (v != 0f) {
            if (n == buf.length) {
              buf = Arrays.copyOf(buf, (int) Math.min(maxSamples, 2L * n));
            }
            buf[n++] = v;
          }
        }
        calls++;
      }

      @Override
      public double alpha() {
        SplittableRandom rnd = new SplittableRandom(seed ^ calls * 0x9E3779B97F4A7C15L ^ n);
        for (int i = n - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          float t = buf[i];
          buf[i] = buf[j];
          buf[j] = t;
        }
        try {
          BlockSumAccumulator acc = BlockSumAccumulator.create();
          acc.accept(buf, 0, n);
          return estimator.estimate(acc).alpha();
        } catch (IllegalArgumentException e) {
          LOG.debug("block-sum refused {} values: {}", n, e.getMessage());
          return Double.NaN;
        }
      }
    };
  }
}
