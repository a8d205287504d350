package org.heavytail.trainer.hook;

import java.util.Arrays;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.tailstats.estimate.TailIndexEstimator;

/**
 * A {@link TailIndexTracker} that collects up to {@code maxSamples} values (the first ones
 * offered, in the order the hook offers them: coordinates of a layer, minibatch after minibatch)
 * and applies a batch {@link TailIndexEstimator} to them. An estimator that refuses the sample
 * (too few values, all equal) gives NaN, logged once at debug level.
 */
public final class EstimatorTracker implements TailIndexTracker {

  private static final Logger LOG = LogManager.getLogger(EstimatorTracker.class);

  private final TailIndexEstimator estimator;
  private final int maxSamples;

  private EstimatorTracker(TailIndexEstimator estimator, int maxSamples) {
    this.estimator = Objects.requireNonNull(estimator, "estimator");
    this.maxSamples = Require.atLeast("maxSamples", maxSamples, 1);
  }

  /** Tracks {@code estimator} on at most {@code maxSamples} values per (layer, step). */
  public static EstimatorTracker of(TailIndexEstimator estimator, int maxSamples) {
    return new EstimatorTracker(estimator, maxSamples);
  }

  @Override
  public String name() {
    return estimator.name();
  }

  @Override
  public Accumulation start() {
    return new Accumulation() {
      private float[] buf = new float[1024];
      private int n;

      @Override
      public void accept(float[] values, int offset, int length) {
        int take = Math.min(length, maxSamples - n);
        if (take <= 0) {
          return;
        }
        if (n + take > buf.length) {
          buf = Arrays.copyOf(buf, Math.min(maxSamples, Math.max(n + take, buf.length * 2)));
        }
        System.arraycopy(values, offset, buf, n, take);
        n += take;
      }

      @Override
      public double alpha() {
        try {
          return estimator.estimate(Arrays.copyOf(buf, n)).alpha();
        } catch (IllegalArgumentException e) {
          LOG.debug("{} refused {} values: {}", estimator.name(), n, e.getMessage());
          return Double.NaN;
        }
      }
    };
  }
}
