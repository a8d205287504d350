package org.heavytail.trainer.curvature;

import java.util.SplittableRandom;

/**
 * Hutchinson's estimators (Hutchinson 1989; Avron and Toledo 2011) of the trace Tr(H) = E[vᵀHv]
 * and of the squared Frobenius norm ‖H‖_F² = Tr(H²) = E‖Hv‖², both from the same Rademacher
 * probes v (i.i.d. ±1 entries, so E[vvᵀ] = I), with standard errors s/√m from the sample standard
 * deviation s of the m probe values. For Rademacher probes Var(vᵀHv) = 2 Σ_{i≠j} H_ij².
 *
 * <p>{@link #exact} uses the d unit vectors instead: Tr(H) = Σ_j e_jᵀHe_j and ‖H‖_F² = Σ_j
 * ‖He_j‖², exact up to rounding, with zero standard error (for small models and tests).
 *
 * @param trace the estimate of Tr(H)
 * @param traceStdError its standard error (0 when exact)
 * @param frobeniusSquared the estimate of ‖H‖_F²
 * @param frobeniusSquaredStdError its standard error (0 when exact)
 * @param probes number of products used
 * @param exactBasis whether the unit vectors were used
 */
public record TraceEstimate(double trace, double traceStdError, double frobeniusSquared,
    double frobeniusSquaredStdError, int probes, boolean exactBasis) {

  /** Hutchinson with m Rademacher probes from the seed, m ≥ 2. */
  public static TraceEstimate hutchinson(SymmetricOperator op, int m, long seed) {
    if (m < 2) {
      throw new IllegalArgumentException("probes = " + m + ": expected at least 2 (for the "
          + "standard error)");
    }
    int d = op.dimension();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] t = new double[m];
    double[] f = new double[m];
    for (int k = 0; k < m; k++) {
      double[] v = new double[d];
      for (int i = 0; i < d; i++) {
        v[i] = rng.nextBoolean() ? 1 : -1;
      }
      double[] hv = op.apply(v);
      t[k] = Lanczos.dot(v, hv);
      f[k] = Lanczos.dot(hv, hv);
    }
    return new TraceEstimate(mean(t), stdError(t), mean(f), stdError(f), m, false);
  }

  /** The exact values from the d unit vectors (d products). */
  public static TraceEstimate exact(SymmetricOperator op) {
    int d = op.dimension();
    double tr = 0;
    double fr = 0;
    for (int j = 0; j < d; j++) {
      double[] e = new double[d];
      e[j] = 1;
      double[] he = op.apply(e);
      tr += he[j];
      fr += Lanczos.dot(he, he);
    }
    return new TraceEstimate(tr, 0, fr, 0, d, true);
  }

  /** ‖H‖_F, the square root of {@link #frobeniusSquared()}. */
  public double frobenius() {
    return Math.sqrt(Math.max(0, frobeniusSquared));
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double stdError(double[] x) {
    double mu = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return Math.sqrt(s / (x.length - 1) / x.length);
  }
}
