package org.heavytail.tailstats.estimate;

import org.heavytail.tailstats.stable.Parameterization;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * The four stable parameters fitted by McCulloch's (1986) quantile method, with the sample
 * functionals they came from.
 *
 * @param alpha α̂ in [0.5, 2]
 * @param beta β̂ in [−1, 1]
 * @param scale γ̂ = (q̂.75 − q̂.25) / ν_c(α̂, β̂)
 * @param location0 δ̂₀, the S0 location: q̂.50 − γ̂ · m₀(α̂, β̂), m₀ the standard S0 median
 * @param alphaStdError asymptotic standard error of α̂ (delta method, see {@link
 *     McCullochEstimator})
 * @param nuAlpha the sample ν_α = (q̂.95 − q̂.05)/(q̂.75 − q̂.25)
 * @param nuBeta the sample ν_β = (q̂.95 + q̂.05 − 2q̂.50)/(q̂.95 − q̂.05)
 * @param alphaClamped true when ν_α fell outside the table ([ν_α(2), ν_α(0.5)]) and α̂ was set to
 *     the nearer end
 * @param betaClamped true when |ν_β| exceeded what α̂ allows and β̂ was set to ±1
 * @param n number of samples
 */
public record McCullochFit(
    double alpha,
    double beta,
    double scale,
    double location0,
    double alphaStdError,
    double nuAlpha,
    double nuBeta,
    boolean alphaClamped,
    boolean betaClamped,
    long n) {

  /** The fitted law in S1 (its location is the S1 δ̂₁ derived from δ̂₀). */
  public StableDistribution distribution() {
    return StableDistribution.of(alpha, beta, scale, location0, Parameterization.S0)
        .toParameterization(Parameterization.S1);
  }

  /** δ̂₁, the S1 location (δ₀ − βγ tan(πα/2), α ≠ 1). */
  public double location1() {
    return distribution().location();
  }
}
