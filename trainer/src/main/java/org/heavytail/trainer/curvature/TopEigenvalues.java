package org.heavytail.trainer.curvature;

import org.heavytail.tailstats.spectrum.SymmetricEigen;
/**
 * The k largest (algebraic) eigenvalues λ_1 ≥ … ≥ λ_k of a symmetric operator by Lanczos with full
 * reorthogonalization ({@link Lanczos}), stopping when each of the k top Ritz values has residual
 * bound β_m|s_{m,i}| ≤ tol·max(|λ_1|, tiny), or after maxSteps products. PyHessian (Yao et al.
 * 2020) reports the same quantity by power iteration with deflation; Lanczos serves all k from one
 * Krylov space and converges faster.
 *
 * @param values the top-k Ritz values, descending (fewer than k only if the start vector spans an
 *     invariant subspace of smaller dimension)
 * @param residuals their residual bounds ‖Hy − θy‖ (an eigenvalue of H lies within each)
 * @param products number of operator products used
 */
public record TopEigenvalues(double[] values, double[] residuals, int products) {

  /**
   * Computes the top k.
   *
   * @param op the operator (a Hessian)
   * @param k how many, 1 ≤ k ≤ d
   * @param maxSteps at most this many products (clipped to d)
   * @param tol relative residual tolerance, e.g. 1e-6
   * @param seed seed of the Rademacher start vector
   */
  public static TopEigenvalues compute(SymmetricOperator op, int k, int maxSteps, double tol,
      long seed) {
    int d = op.dimension();
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("k = " + k + ": expected 1 ≤ k ≤ d = " + d);
    }
    if (maxSteps < k) {
      throw new IllegalArgumentException("maxSteps = " + maxSteps + ": expected ≥ k = " + k);
    }
    Lanczos.Result r = Lanczos.run(op, Lanczos.rademacherStart(d, seed), Math.min(maxSteps, d),
        false, partial -> converged(partial, k, tol), 2);
    return top(r, k);
  }

  private static boolean converged(Lanczos.Result r, int k, double tol) {
    if (r.steps() < k + 1) {
      return false;
    }
    TopEigenvalues t = top(r, k);
    double scale = Math.max(Math.abs(t.values[0]), 1e-300);
    for (double x : t.residuals) {
      if (x > tol * scale) {
        return false;
      }
    }
    return true;
  }

  private static TopEigenvalues top(Lanczos.Result r, int k) {
    SymmetricEigen e = r.ritz();
    double[] res = r.residuals(e);
    int s = r.steps();
    int kk = Math.min(k, s);
    double[] vals = new double[kk];
    double[] rs = new double[kk];
    for (int i = 0; i < kk; i++) {
      vals[i] = e.values()[s - 1 - i];
      rs[i] = res[s - 1 - i];
    }
    return new TopEigenvalues(vals, rs, s);
  }
}
