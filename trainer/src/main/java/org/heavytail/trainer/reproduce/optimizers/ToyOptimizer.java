package org.heavytail.trainer.reproduce.optimizers;

/**
 * The optimizers compared on one-dimensional least squares (Hodgkinson &amp; Mahoney 2021, §4–5),
 * written as scalar recursions so that hundreds of thousands of independent chains run in
 * seconds. With g_k = (1/b) Σ a_i (a_i x_k − y_i) the minibatch gradient and S_k = (1/b) Σ a_i²
 * the minibatch Hessian:
 *
 * <ul>
 *   <li>{@link #SGD}: x ← x − η g;
 *   <li>{@link #MOMENTUM}: heavy ball, v ← β v + g, x ← x − η v (β = 0.9);
 *   <li>{@link #ADAM}: Kingma &amp; Ba (2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e−8, bias-corrected;
 *   <li>{@link #NEWTON}: stochastic Newton, x ← x − η g / S;
 *   <li>{@link #GAUSSIAN_GD}: the light-tailed control, full gradient plus additive Gaussian noise
 *       of the same variance as SGD's gradient noise at the optimum: x ← x − η (s²(x − θ*) +
 *       s σ Z/√b), s² = E a².
 * </ul>
 *
 * These are the textbook formulas of the {@code trainer.optim} classes of the same names, on
 * doubles instead of NDArrays (one NDArray call per chain and step would be far too slow).
 */
public enum ToyOptimizer {
  /** Plain SGD. */
  SGD,
  /** Heavy-ball momentum, β = 0.9. */
  MOMENTUM,
  /** Adam, β₁ = 0.9, β₂ = 0.999. */
  ADAM,
  /** Stochastic Newton with the minibatch Hessian. */
  NEWTON,
  /** Gradient descent with additive Gaussian noise (control). */
  GAUSSIAN_GD;

  /** Lower-case label with dashes. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
