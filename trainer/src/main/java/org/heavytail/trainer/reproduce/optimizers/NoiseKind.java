package org.heavytail.trainer.reproduce.optimizers;

/**
 * The gradient noise of the basin-hopping toy (Hodgkinson &amp; Mahoney 2021, §5; Şimşekli, Sagun
 * &amp; Gürbüzbalaban 2019, §4 on metastability), all of standard deviation σ at the minima x = ±1
 * (the stable law, which has no variance, has the scale of N(0, σ²) at α = 2):
 *
 * <ul>
 *   <li>{@link #MULTIPLICATIVE}: ξ_k x_k with ξ_k = σ (χ²_b/b − 1)/√(2/b), the gradient of a random
 *       curvature term ξ_k x²/2 in the loss (random data, as in least squares);
 *   <li>{@link #STABLE_ADDITIVE}: SαS with scale σ/√2;
 *   <li>{@link #GAUSSIAN_ADDITIVE}: σ Z, the light-tailed control.
 * </ul>
 */
public enum NoiseKind {
  /** Random-curvature noise ξ x, heavy tails by the Kesten mechanism. */
  MULTIPLICATIVE,
  /** Additive symmetric α-stable noise. */
  STABLE_ADDITIVE,
  /** Additive Gaussian noise. */
  GAUSSIAN_ADDITIVE;

  /** Lower-case label with dashes, e.g. {@code stable-additive}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
