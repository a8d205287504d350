package org.heavytail.datasets.synthetic;

import java.util.Random;
import org.heavytail.datasets.ArrayData;

/**
 * The double-well toy landscape for basin-hopping experiments (the toy non-convex setting of
 * Hodgkinson &amp; Mahoney, ICML 2021, "Multiplicative noise and heavy tails in stochastic
 * optimization": does SGD hop between the two minima?). In dimension {@code dim} ∈ {1, 2}:
 *
 * <pre>
 *   1-D:  f(x)    = (x² − 1)²,                 f'(x) = 4x(x² − 1)
 *   2-D:  f(x, y) = (x² − 1)² + (κ/2) y²,       ∇f = (4x(x² − 1), κ y)
 * </pre>
 *
 * Minima at x = ±1 (y = 0) with f = 0 and f'' = 8 there; a saddle (1-D: local maximum) at the
 * origin with barrier height f(0) − f(±1) = 1.
 *
 * <p>As a finite-sum problem: data points z_i ~ N(0, s² I_dim) i.i.d. ({@link #sample}) and
 * per-example losses ℓ_i(θ) = f(θ − z_i), so minibatch gradients (1/b) Σ_{i∈B} ∇f(θ − z_i)
 * carry state-dependent (multiplicative) noise; {@link #gradient(double[], ArrayData, int[])}
 * computes them.
 */
public final class DoubleWell {

  private final int dim;
  private final double kappa;

  private DoubleWell(int dim, double kappa) {
    this.dim = dim;
    this.kappa = kappa;
  }

  /** The 1-D well f(x) = (x² − 1)². */
  public static DoubleWell oneDimensional() {
    return new DoubleWell(1, 0);
  }

  /** The 2-D well f(x, y) = (x² − 1)² + (κ/2) y², κ &gt; 0. */
  public static DoubleWell twoDimensional(double kappa) {
    if (!(kappa > 0) || Double.isInfinite(kappa)) {
      throw new IllegalArgumentException("kappa = " + kappa + ": expected finite > 0");
    }
    return new DoubleWell(2, kappa);
  }

  /** Dimension, 1 or 2. */
  public int dimension() {
    return dim;
  }

  /** κ of the 2-D well (0 in 1-D). */
  public double kappa() {
    return kappa;
  }

  /** f(θ). */
  public double value(double[] theta) {
    check(theta);
    double q = theta[0] * theta[0] - 1;
    double v = q * q;
    if (dim == 2) {
      v += 0.5 * kappa * theta[1] * theta[1];
    }
    return v;
  }

  /** ∇f(θ). */
  public double[] gradient(double[] theta) {
    check(theta);
    double[] g = new double[dim];
    g[0] = 4 * theta[0] * (theta[0] * theta[0] - 1);
    if (dim == 2) {
      g[1] = kappa * theta[1];
    }
    return g;
  }

  /**
   * Draws n data points z_i ~ N(0, s² I_dim) from {@code new Random(seed)} (z_1 first, its
   * coordinates in order), as features of shape {dim}; no labels or targets.
   */
  public ArrayData sample(int n, double s, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n = " + n + ": expected n >= 1");
    }
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("s = " + s + ": expected finite >= 0");
    }
    Random rng = new Random(seed);
    float[] z = new float[Math.multiplyExact(n, dim)];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) (s * rng.nextGaussian());
    }
    return new ArrayData(z, new int[0], new float[0], new long[] {dim}, 0);
  }

  /** Finite-sum loss (1/|B|) Σ_{i∈B} f(θ − z_i) over the given example indices. */
  public double value(double[] theta, ArrayData points, int[] batch) {
    double sum = 0;
    double[] t = new double[dim];
    for (int i : batch) {
      shifted(theta, points, i, t);
      sum += value(t);
    }
    return sum / batch.length;
  }

  /** Minibatch gradient (1/|B|) Σ_{i∈B} ∇f(θ − z_i) over the given example indices. */
  public double[] gradient(double[] theta, ArrayData points, int[] batch) {
    double[] g = new double[dim];
    double[] t = new double[dim];
    for (int i : batch) {
      shifted(theta, points, i, t);
      double[] gi = gradient(t);
      for (int k = 0; k < dim; k++) {
        g[k] += gi[k];
      }
    }
    for (int k = 0; k < dim; k++) {
      g[k] /= batch.length;
    }
    return g;
  }

  private void shifted(double[] theta, ArrayData points, int i, double[] out) {
    check(theta);
    if (points.exampleSize() != dim) {
      throw new IllegalArgumentException("points of size " + points.exampleSize()
          + ": expected dimension " + dim);
    }
    for (int k = 0; k < dim; k++) {
      out[k] = theta[k] - points.features()[i * dim + k];
    }
  }

  private void check(double[] theta) {
    if (theta.length != dim) {
      throw new IllegalArgumentException(
          "theta of length " + theta.length + ": expected " + dim);
    }
  }
}
