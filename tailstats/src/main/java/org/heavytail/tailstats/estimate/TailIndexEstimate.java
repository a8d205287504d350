package org.heavytail.tailstats.estimate;

import java.util.Map;

/**
 * One tail-index estimate: α̂ with a confidence interval, the sample size, and how it was made.
 *
 * <p>α is the index of the stable law (0, 2] for the stable-index methods (block-sum, Hill,
 * McCulloch, characteristic function). An estimate of {@value #GAUSSIAN_THRESHOLD} or more is
 * compatible with Gaussian noise ({@link #gaussianCompatible()}); values above 2 are reported as
 * computed, never clipped.
 *
 * @param method the estimator's name, e.g. {@code block-sum}, {@code hill}, {@code mcculloch}
 * @param alpha the point estimate α̂
 * @param ciLow lower end of the confidence interval (NaN when the method gives none)
 * @param ciHigh upper end of the confidence interval (NaN when the method gives none)
 * @param confidence nominal coverage of the interval, e.g. 0.95
 * @param intervalKind how the interval was made, e.g. {@code bootstrap}, {@code asymptotic},
 *     {@code spread over m}
 * @param n number of samples used (after any preprocessing)
 * @param parameters the method's parameters and side results (block sizes, k, β̂, ...)
 */
public record TailIndexEstimate(
    String method,
    double alpha,
    double ciLow,
    double ciHigh,
    double confidence,
    String intervalKind,
    long n,
    Map<String, Object> parameters) {

  /** α̂ at or above this value is flagged as compatible with Gaussian noise. */
  public static final double GAUSSIAN_THRESHOLD = 1.9;

  /** Copies the parameter map so the record stays immutable. */
  public TailIndexEstimate {
    parameters = Map.copyOf(parameters);
  }

  /** True when α̂ ≥ 1.9: the data cannot be told apart from Gaussian noise by this estimate. */
  public boolean gaussianCompatible() {
    return alpha >= GAUSSIAN_THRESHOLD;
  }
}
