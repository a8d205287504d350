package org.heavytail.trainer.hook;

/**
 * A per-layer tail-index measurement fed with values as they are produced (a step's noise vector,
 * a probe's noise rows), so that the hooks never need the values twice. One implementation wraps
 * a batch {@link org.heavytail.tailstats.estimate.TailIndexEstimator} ({@link EstimatorTracker});
 * a mergeable accumulator of {@code tailstats.accumulate} wires in as one more implementation.
 */
public interface TailIndexTracker {

  /** Column suffix in the CSV output, e.g. {@code block-sum} gives {@code alpha_block-sum}. */
  String name();

  /** A fresh accumulation for one (layer, step). */
  Accumulation start();

  /** Values of one (layer, step), then the estimate. */
  interface Accumulation {

    /** Adds {@code length} values from {@code values[offset]}. */
    void accept(float[] values, int offset, int length);

    /** α̂ of the values accepted so far (NaN when there are too few or the estimator refuses). */
    double alpha();
  }
}
