package org.heavytail.trainer.curvature;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.heavytail.tailstats.spectrum.SymmetricEigen;

/**
 * The Lanczos process with full reorthogonalization (Golub and Van Loan, Matrix Computations,
 * 4th ed., §10.1; Paige 1972): from a unit start vector q_1, m products with a symmetric operator A
 * give an orthonormal basis Q_m of the Krylov space and the tridiagonal T_m = Q_mᵀ A Q_m (diagonal
 * α, off-diagonal β). The eigenvalues of T_m (Ritz values) approximate A's extreme eigenvalues
 * first; with m = d they are A's eigenvalues exactly (up to rounding). Each new vector is
 * reorthogonalized twice against all earlier ones (Gram–Schmidt "twice is enough"), so ghost copies
 * of converged eigenvalues do not appear.
 *
 * <p>The process stops early when β_j ≤ 1e-12·‖A‖ (an invariant subspace was found).
 */
public final class Lanczos {

  private Lanczos() {}

  /**
   * Result of m Lanczos steps.
   *
   * @param alpha diagonal of T_m (length m)
   * @param beta off-diagonal of T_m (length m − 1), then β_m, the residual norm (length m in all)
   * @param basis the Lanczos vectors q_1..q_m when kept, else empty
   */
  public record Result(double[] alpha, double[] beta, List<double[]> basis) {

    /** m, the number of steps taken. */
    public int steps() {
      return alpha.length;
    }

    /** Eigen-decomposition of T_m. */
    public SymmetricEigen ritz() {
      return SymmetricEigen.tridiagonal(alpha, beta);
    }

    /**
     * Residual norms ‖A y_k − θ_k y_k‖ = β_m |s_{m,k}| of the Ritz pairs (θ_k ascending), the
     * standard a-posteriori error bound of a Ritz value.
     */
    public double[] residuals(SymmetricEigen ritz) {
      int m = alpha.length;
      double[] r = new double[m];
      for (int k = 0; k < m; k++) {
        r[k] = Math.abs(beta[m - 1] * ritz.vectors()[k][m - 1]);
      }
      return r;
    }
  }

  /** A unit Rademacher vector (±1/√d entries) from the seed. */
  public static double[] rademacherStart(int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] q = new double[d];
    double s = 1 / Math.sqrt(d);
    for (int i = 0; i < d; i++) {
      q[i] = rng.nextBoolean() ? s : -s;
    }
    return q;
  }

  /**
   * Runs up to m steps from the unit vector {@code start}.
   *
   * @param op the symmetric operator A
   * @param start a unit vector of length d (normalized here if it is not)
   * @param m the number of steps, 1 ≤ m (clipped to d)
   * @param keepBasis whether to return the Lanczos vectors
   */
  public static Result run(SymmetricOperator op, double[] start, int m, boolean keepBasis) {
    return run(op, start, m, keepBasis, r -> false, Integer.MAX_VALUE);
  }

  /**
   * Runs up to m steps, asking {@code stop} every {@code checkEvery} steps whether the partial
   * result is good enough (for convergence tests).
   */
  public static Result run(SymmetricOperator op, double[] start, int m, boolean keepBasis,
      java.util.function.Predicate<Result> stop, int checkEvery) {
    int d = op.dimension();
    if (m < 1) {
      throw new IllegalArgumentException("m = " + m + ": expected at least 1 Lanczos step");
    }
    if (start.length != d) {
      throw new IllegalArgumentException("start has length " + start.length + ", expected d = "
          + d);
    }
    m = Math.min(m, d);
    double n0 = norm(start);
    if (!(n0 > 0)) {
      throw new IllegalArgumentException("start vector is zero");
    }
    List<double[]> q = new ArrayList<>();
    double[] v = start.clone();
    scale(v, 1 / n0);
    q.add(v);
    double[] alpha = new double[m];
    double[] beta = new double[m];
    double anorm = 0;
    int steps = 0;
    for (int j = 0; j < m; j++) {
      double[] w = op.apply(q.get(j));
      double a = dot(w, q.get(j));
      alpha[j] = a;
      anorm = Math.max(anorm, Math.abs(a) + (j > 0 ? beta[j - 1] : 0));
      axpy(-a, q.get(j), w);
      if (j > 0) {
        axpy(-beta[j - 1], q.get(j - 1), w);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (double[] qi : q) {
          axpy(-dot(w, qi), qi, w);
        }
      }
      double b = norm(w);
      beta[j] = b;
      steps = j + 1;
      anorm = Math.max(anorm, Math.abs(a) + b);
      if (j + 1 == m || b <= 1e-12 * Math.max(anorm, Double.MIN_NORMAL)) {
        break;
      }
      if (steps % checkEvery == 0 && stop.test(new Result(java.util.Arrays.copyOf(alpha, steps),
          java.util.Arrays.copyOf(beta, steps), List.of()))) {
        break;
      }
      scale(w, 1 / b);
      q.add(w);
    }
    double[] al = java.util.Arrays.copyOf(alpha, steps);
    double[] be = java.util.Arrays.copyOf(beta, steps);
    List<double[]> basis = keepBasis ? List.copyOf(q.subList(0, steps)) : List.of();
    return new Result(al, be, basis);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  static void scale(double[] x, double a) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= a;
    }
  }
}
