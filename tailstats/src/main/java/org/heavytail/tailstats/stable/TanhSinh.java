package org.heavytail.tailstats.stable;

/**
 * Double-exponential (tanh-sinh) quadrature of Takahasi and Mori (1974) on a finite interval,
 * with nodes placed by their distance to the nearer end so that integrands with all their
 * structure next to an end point (the Nolan integrands at the split point) are resolved at every
 * scale.
 *
 * <p>With x = tanh((π/2) sinh s), ∫₋₁¹ f(x) dx ≈ h Σ_k w_k f(x_k), w_k = (π/2) cosh(kh) /
 * cosh²((π/2) sinh(kh)). Levels halve h from 1 to 1/128, reusing earlier nodes; the sum stops
 * when two levels agree to {@link #LEVEL_TOL} relative (the error of tanh-sinh roughly squares
 * with each halving, so the returned value is then good to about 1e-14 relative for analytic
 * integrands). Each direction of a level's sum stops at the first weight below 1e-18 of the running
 * sum: every integrand used here is bounded by 1 in absolute value.
 */
final class TanhSinh {

  /** The integrand, given the node as its distance {@code phi} from 0 and {@code psi} from W. */
  interface Integrand {
    double value(double phi, double psi);
  }

  static final double LEVEL_TOL = 1e-10;
  private static final int MAX_LEVEL = 7;
  private static final double T_MAX = 4.0;

  /** Per level ℓ (h = 2^−ℓ) the new abscissae k·h (k odd, or all k ≥ 0 at level 0). */
  private static final double[][] WEIGHT = new double[MAX_LEVEL + 1][];
  /** 1 − x_k, computed without cancellation. */
  private static final double[][] DIST = new double[MAX_LEVEL + 1][];

  static {
    for (int level = 0; level <= MAX_LEVEL; level++) {
      double h = Math.scalb(1.0, -level);
      int kMax = (int) Math.floor(T_MAX / h);
      int start = 1;
      int step = level == 0 ? 1 : 2;
      int count = (kMax - start) / step + 1;
      WEIGHT[level] = new double[count];
      DIST[level] = new double[count];
      for (int j = 0; j < count; j++) {
        double s = (start + j * step) * h;
        double y = Math.PI / 2 * Math.sinh(s);
        double e = Math.exp(-2 * y);
        DIST[level][j] = 2 * e / (1 + e);
        double c = Math.cosh(y);
        WEIGHT[level][j] = Math.PI / 2 * Math.cosh(s) / (c * c);
      }
    }
  }

  private TanhSinh() {}

  /**
   * ∫_a^b f, a &lt; b in [0, W]. {@code wa} = W − a and {@code wb} = W − b must be passed exactly
   * (for instance 0 when b = W) so that nodes near either end know their distance to W.
   */
  static double integrate(Integrand f, double a, double b, double wa, double wb) {
    double half = 0.5 * (b - a);
    if (!(half > 0)) {
      return 0;
    }
    // level 0, centre node (s = 0, weight π/2, x = 0)
    double sum = Math.PI / 2 * f.value(a + half, wa - half);
    sum += levelSum(f, 0, a, b, wa, wb, half, sum);
    double previous = sum; // h = 1
    for (int level = 1; level <= MAX_LEVEL; level++) {
      sum += levelSum(f, level, a, b, wa, wb, half, sum);
      double estimate = sum * Math.scalb(1.0, -level) * half;
      double prevEstimate = previous * Math.scalb(1.0, -(level - 1)) * half;
      if (level >= 3 && Math.abs(estimate - prevEstimate) <= LEVEL_TOL * Math.abs(estimate)) {
        return estimate;
      }
      previous = sum;
      if (estimate == 0 && prevEstimate == 0 && level >= 3) {
        return 0;
      }
    }
    return sum * Math.scalb(1.0, -MAX_LEVEL) * half;
  }

  private static double levelSum(
      Integrand f, int level, double a, double b, double wa, double wb, double half, double ref) {
    double[] w = WEIGHT[level];
    double[] d = DIST[level];
    double s = 0;
    // |f| <= 1 for every integrand used here, so a weight below 1e-18 of the sum ends a direction.
    double scale = Math.abs(ref);
    for (int j = 0; j < w.length; j++) {
      if (w[j] < 1e-18 * (scale + Math.abs(s))) {
        break;
      }
      double dist = half * d[j];
      s += w[j] * f.value(a + dist, wa - dist);
    }
    for (int j = 0; j < w.length; j++) {
      if (w[j] < 1e-18 * (scale + Math.abs(s))) {
        break;
      }
      double dist = half * d[j];
      s += w[j] * f.value(b - dist, wb + dist);
    }
    return s;
  }
}
