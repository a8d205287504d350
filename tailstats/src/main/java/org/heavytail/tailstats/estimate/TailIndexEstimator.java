package org.heavytail.tailstats.estimate;

/**
 * A tail-index estimator: an immutable object built once with its parameters, whose {@link
 * #estimate(float[])} is a pure function of the sample.
 *
 * <p>Implementations validate at the door: too few samples, NaN/Inf in the input or an all-equal
 * sample raise {@link IllegalArgumentException} naming the estimator, the count found and the
 * count needed.
 */
public interface TailIndexEstimator {

  /** The method's short name, as it appears in result tables and JSON ({@code block-sum}, ...). */
  String name();

  /** Estimates α from a sample of i.i.d. (or, for block-sum, exchangeable) values. */
  TailIndexEstimate estimate(float[] sample);

  /** Estimates α from a double sample; the default narrows to float. */
  default TailIndexEstimate estimate(double[] sample) {
    float[] f = new float[sample.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) sample[i];
    }
    return estimate(f);
  }
}
