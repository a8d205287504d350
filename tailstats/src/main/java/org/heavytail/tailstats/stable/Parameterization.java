package org.heavytail.tailstats.stable;

/**
 * Nolan's two parameterizations of the stable law S(α, β, γ, δ; k), with 0 &lt; α ≤ 2, −1 ≤ β ≤
 * 1, scale γ &gt; 0 and location δ (J. P. Nolan, "Univariate Stable Distributions", 2020, Def. 1.7
 * and 1.8). Both share α, β and γ and differ only in the meaning of δ.
 *
 * <p>Let Z ~ S(α, β, 1, 0; 1), the standard law with characteristic function
 *
 * <pre>
 *   E exp(itZ) = exp(−|t|^α [1 − iβ tan(πα/2) sign t])        α ≠ 1
 *   E exp(itZ) = exp(−|t| [1 + iβ (2/π) sign t log|t|])         α = 1
 * </pre>
 */
public enum Parameterization {

  /**
   * S0: X = γ (Z − β tan(πα/2)) + δ₀ for α ≠ 1, X = γZ + δ₀ for α = 1, i.e.
   *
   * <pre>
   *   φ(t) = exp(−γ^α|t|^α [1 + iβ tan(πα/2) sign t (|γt|^(1−α) − 1)] + iδ₀t)   α ≠ 1
   *   φ(t) = exp(−γ|t| [1 + iβ (2/π) sign t log(γ|t|)] + iδ₀t)                 α = 1
   * </pre>
   *
   * <p>Continuous in all four parameters (including across α = 1); the mode stays near δ₀. This
   * is the parameterization of Nolan's (1997) integral representation.
   */
  S0,

  /**
   * S1: X = γZ + δ₁ for α ≠ 1, X = γZ + (δ₁ + β (2/π) γ log γ) for α = 1, i.e.
   *
   * <pre>
   *   φ(t) = exp(−γ^α|t|^α [1 − iβ tan(πα/2) sign t] + iδ₁t)          α ≠ 1
   *   φ(t) = exp(−γ|t| [1 + iβ (2/π) sign t log|t|] + iδ₁t)           α = 1
   * </pre>
   *
   * <p>The classical S_α(σ, β, μ) of Samorodnitsky and Taqqu (1994), the one of the
   * Chambers–Mallows–Stuck sampler and of {@code scipy.stats.levy_stable}'s default; for 1 &lt; α ≤
   * 2, δ₁ is the mean. Discontinuous at α = 1 when β ≠ 0. The two locations are related by δ₀ = δ₁
   * + βγ tan(πα/2) (α ≠ 1) and δ₀ = δ₁ + β (2/π) γ log γ (α = 1).
   */
  S1
}
