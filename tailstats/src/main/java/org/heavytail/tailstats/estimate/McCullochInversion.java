package org.heavytail.tailstats.estimate;

import static org.heavytail.tailstats.estimate.McCullochTable.ALPHA_COUNT;
import static org.heavytail.tailstats.estimate.McCullochTable.ALPHA_MIN;
import static org.heavytail.tailstats.estimate.McCullochTable.ALPHA_STEP;
import static org.heavytail.tailstats.estimate.McCullochTable.BETA_COUNT;
import static org.heavytail.tailstats.estimate.McCullochTable.BETA_STEP;

/**
 * Reads {@link McCullochTable} between its nodes and inverts (ν_α, ν_β) → (α, β).
 *
 * <p>Interpolation: tensor-product 4-point Lagrange (cubic) in α and in β, the stencil kept
 * inside the α grid and extended across β = 0 by the table's parity (even for ν_α, ν_c; odd for
 * ν_β and the median), so β near 0 is as accurate as the interior.
 */
final class McCullochInversion {

  static final double ALPHA_MAX = ALPHA_MIN + (ALPHA_COUNT - 1) * ALPHA_STEP;

  /** Inversion result. */
  record Result(double alpha, double beta, boolean alphaClamped, boolean betaClamped) {}

  private McCullochInversion() {}

  /** Table entry at α index i and signed β index j (|j| ≤ 10), using parity for j &lt; 0. */
  private static double entry(double[][] t, int i, int j, boolean even) {
    return j >= 0 ? t[i][j] : (even ? t[i][-j] : -t[i][-j]);
  }

  /** Interpolated table value at (α, β), β of either sign. */
  static double value(double[][] t, double alpha, double beta, boolean even) {
    double s = (Math.min(Math.max(alpha, ALPHA_MIN), ALPHA_MAX) - ALPHA_MIN) / ALPHA_STEP;
    int i0 = Math.min(Math.max((int) Math.floor(s) - 1, 0), ALPHA_COUNT - 4);
    double bb = Math.min(Math.abs(beta), 1);
    double u = bb / BETA_STEP;
    int j0 = Math.min(Math.max((int) Math.floor(u) - 1, -1), BETA_COUNT - 4);
    double[] wa = lagrange4(s - i0);
    double[] wb = lagrange4(u - j0);
    double v = 0;
    for (int a = 0; a < 4; a++) {
      double row = 0;
      for (int b = 0; b < 4; b++) {
        row += wb[b] * entry(t, i0 + a, j0 + b, even);
      }
      v += wa[a] * row;
    }
    return beta < 0 && !even ? -v : v;
  }

  /** Weights of the cubic through nodes 0, 1, 2, 3 at position x. */
  private static double[] lagrange4(double x) {
    double x0 = x;
    double x1 = x - 1;
    double x2 = x - 2;
    double x3 = x - 3;
    return new double[] {
      -x1 * x2 * x3 / 6, x0 * x2 * x3 / 2, -x0 * x1 * x3 / 2, x0 * x1 * x2 / 6
    };
  }

  static double nuAlpha(double alpha, double beta) {
    return value(McCullochTable.NU_ALPHA, alpha, beta, true);
  }

  static double nuBeta(double alpha, double beta) {
    return value(McCullochTable.NU_BETA, alpha, beta, false);
  }

  /** α with ν_α(α, β) = target at fixed β ≥ 0; clamped to [0.5, 2]. */
  private static double alphaFor(double beta, double target, boolean[] clamped) {
    double hiNu = nuAlpha(ALPHA_MIN, beta); // ν_α decreases with α
    double loNu = nuAlpha(ALPHA_MAX, beta);
    if (target >= hiNu) {
      clamped[0] = true;
      return ALPHA_MIN;
    }
    if (target <= loNu) {
      clamped[0] = true;
      return ALPHA_MAX;
    }
    clamped[0] = false;
    return bisectSecant(a -> nuAlpha(a, beta) - target, ALPHA_MIN, ALPHA_MAX);
  }

  /** (α, β) with the tables' (ν_α, ν_β) equal to the given sample values. */
  static Result invert(double nuA, double nuB) {
    double target = Math.abs(nuB);
    boolean[] clamped = new boolean[1];
    double a0 = alphaFor(0, nuA, clamped);
    if (target == 0) {
      return new Result(a0, 0, clamped[0], false);
    }
    double a1 = alphaFor(1, nuA, clamped);
    double h1 = nuBeta(a1, 1) - target;
    if (h1 <= 0) {
      return new Result(a1, Math.copySign(1, nuB), clamped[0], true);
    }
    double beta =
        bisectSecant(
            b -> nuBeta(alphaFor(b, nuA, new boolean[1]), b) - target, 0, 1);
    double alpha = alphaFor(beta, nuA, clamped);
    return new Result(alpha, Math.copySign(beta, nuB), clamped[0], false);
  }

  /**
   * (∂α/∂ν_α, ∂α/∂ν_β) at (α, β): the first row of the inverse of the table's Jacobian, by
   * central differences of the interpolant; null when the Jacobian is singular.
   */
  static double[] alphaGradient(double alpha, double beta) {
    double ha = 1e-4;
    double hb = 1e-4;
    double a1 = Math.min(alpha + ha, ALPHA_MAX);
    double a0 = Math.max(alpha - ha, ALPHA_MIN);
    double b1 = Math.min(beta + hb, 1);
    double b0 = Math.max(beta - hb, -1);
    double daA = (nuAlpha(a1, beta) - nuAlpha(a0, beta)) / (a1 - a0);
    double dbA = (nuAlpha(alpha, b1) - nuAlpha(alpha, b0)) / (b1 - b0);
    double daB = (nuBeta(a1, beta) - nuBeta(a0, beta)) / (a1 - a0);
    double dbB = (nuBeta(alpha, b1) - nuBeta(alpha, b0)) / (b1 - b0);
    double det = daA * dbB - dbA * daB;
    if (Math.abs(det) < 1e-12 * Math.abs(daA * dbB) || det == 0) {
      // β unidentified (α near 2): the α row reduces to 1/(∂ν_α/∂α)
      return daA == 0 ? null : new double[] {1 / daA, 0};
    }
    return new double[] {dbB / det, -dbA / det};
  }

  /** Root of a monotone g on [lo, hi] with a sign change, by Illinois regula falsi. */
  private static double bisectSecant(java.util.function.DoubleUnaryOperator g, double lo, double hi) {
    double flo = g.applyAsDouble(lo);
    double fhi = g.applyAsDouble(hi);
    if (flo == 0) {
      return lo;
    }
    if (fhi == 0) {
      return hi;
    }
    int side = 0;
    for (int it = 0; it < 100 && hi - lo > 1e-13; it++) {
      double x = (lo * fhi - hi * flo) / (fhi - flo);
      if (!(x > lo && x < hi)) {
        x = 0.5 * (lo + hi);
      }
      double fx = g.applyAsDouble(x);
      if (fx == 0) {
        return x;
      }
      if ((fx > 0) == (fhi > 0)) {
        hi = x;
        fhi = fx;
        if (side == 1) {
          flo *= 0.5;
        }
        side = 1;
      } else {
        lo = x;
        flo = fx;
        if (side == -1) {
          fhi *= 0.5;
        }
        side = -1;
      }
    }
    return 0.5 * (lo + hi);
  }
}
