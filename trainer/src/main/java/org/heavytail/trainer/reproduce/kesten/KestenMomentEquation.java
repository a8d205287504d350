package org.heavytail.trainer.reproduce.kesten;

import java.util.function.DoubleUnaryOperator;
import org.heavytail.tailstats.stable.Brent;

/**
 * The exact tail index of one-dimensional SGD on Gaussian linear regression.
 *
 * <p>With a_i ~ N(0, 1), the iteration x_{k+1} = x_k − (η/b) Σ_{i∈B_k} a_i (a_i x_k − y_i) is
 * the random linear recursion x_{k+1} = M_k x_k + q_k with M_k = 1 − (η/b) χ²_b. By Kesten's
 * theorem (Goldie 1991) its stationary law has P(|x| &gt; t) ~ C t^(−α), where α &gt; 0 is the
 * root of the moment equation E|M|^α = 1 (Gürbüzbalaban, Şimşekli &amp; Zhu, ICML 2021, Thm. 2;
 * Hodgkinson &amp; Mahoney, ICML 2021). A root exists when E log|M| &lt; 0.
 *
 * <p>The expectation is computed by adaptive Gauss–Kronrod quadrature against the χ²_b density
 * after the substitution x = u² (which removes the x^(−1/2) singularity at b = 1), splitting at
 * the kink u = √(b/η) where M vanishes. The root in α is found by bracketing then Brent's method.
 * Closed-form check: E(1 − cχ²_b)² = 1 − 2cb + c²(b² + 2b), so α = 2 exactly at η = 2b/(b + 2).
 */
public final class KestenMomentEquation {

  private static final double LN2 = Math.log(2.0);
  private static final double QUAD_TOL = 1e-13;
  private static final double QUAD_ABS_TOL = 1e-15;

  private KestenMomentEquation() {}

  /** The step size at which α = 2 exactly: η = 2b/(b + 2). */
  public static double criticalStepSize(int batch) {
    checkBatch(batch);
    return 2.0 * batch / (batch + 2.0);
  }

  /**
   * E|1 − (η/b) χ²_b|^α by numerical integration.
   *
   * @throws IllegalArgumentException when η ≤ 0, b &lt; 1 or α &lt; 0
   */
  public static double moment(double eta, int batch, double alpha) {
    checkEta(eta);
    checkBatch(batch);
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha: expected a finite value >= 0, got " + alpha);
    }
    double logNorm = logNorm(batch);
    return integrate(eta, batch, u -> {
      double m = Math.abs(1.0 - eta / batch * u * u);
      if (m == 0) {
        return alpha == 0 ? Math.exp(logWeight(logNorm, batch, u)) : 0.0;
      }
      // in log space: (c u^2)^alpha overflows long before the Gaussian factor underflows
      return Math.exp(alpha * Math.log(m) + logWeight(logNorm, batch, u));
    });
  }

  /** E log|1 − (η/b) χ²_b|, the Lyapunov exponent; the chain is stationary iff it is &lt; 0. */
  public static double lyapunovExponent(double eta, int batch) {
    checkEta(eta);
    checkBatch(batch);
    double logNorm = logNorm(batch);
    return integrate(eta, batch, u -> {
      double m = Math.abs(1.0 - eta / batch * u * u);
      return m == 0 ? 0.0 : Math.log(m) * Math.exp(logWeight(logNorm, batch, u));
    });
  }

  /**
   * The root α &gt; 0 of E|1 − (η/b) χ²_b|^α = 1.
   *
   * @throws IllegalArgumentException when E log|M| ≥ 0 (no stationary law, SGD diverges) or the
   *     root lies above 200
   */
  public static double exactAlpha(double eta, int batch) {
    double lyap = lyapunovExponent(eta, batch);
    if (!(lyap < 0)) {
      throw new IllegalArgumentException(
          "eta=" + eta + ", b=" + batch + ": E log|1 - (eta/b) chi2_b| = " + lyap
              + " >= 0, expected < 0 (SGD has no stationary law there)");
    }
    DoubleUnaryOperator h = a -> Math.log(moment(eta, batch, a));
    double lo = 0.0;
    double hi = 0.5;
    while (h.applyAsDouble(hi) <= 0) {
      lo = hi;
      hi *= 2;
      if (hi > 200) {
        throw new IllegalArgumentException(
            "eta=" + eta + ", b=" + batch + ": tail index above 200; expected a root below 200");
      }
    }
    if (lo == 0.0) {
      // h(0) = 0 exactly, so move lo to a point where h < 0 (h'(0) = E log|M| < 0)
      lo = hi;
      do {
        lo *= 0.5;
      } while (h.applyAsDouble(lo) >= 0 && lo > 1e-8);
    }
    return Brent.root(h, lo, hi, 1e-12);
  }

  /** log of the constant in 2u f_{χ²_b}(u²) = 2 u^(b−1) e^(−u²/2) / (2^(b/2) Γ(b/2)). */
  private static double logNorm(int batch) {
    return LN2 - 0.5 * batch * LN2 - lnGammaHalf(batch);
  }

  /** log of 2u f_{χ²_b}(u²), the density of u = √X for X ~ χ²_b; −∞ at u = 0 when b &gt; 1. */
  private static double logWeight(double logNorm, int batch, double u) {
    if (u <= 0) {
      return batch == 1 ? logNorm : Double.NEGATIVE_INFINITY;
    }
    return logNorm + (batch - 1) * Math.log(u) - 0.5 * u * u;
  }

  /** ∫_0^∞ integrand(u) du, split at the kink u = √(b/η) where M vanishes. */
  private static double integrate(double eta, int batch, DoubleUnaryOperator integrand) {
    double kink = Math.sqrt(batch / eta);
    // e^(-u^2/2) u^(2 alpha + b) peaks at sqrt(2 alpha + b - 1); alpha <= 200 is all we solve for
    double upper = Math.max(kink, Math.sqrt(2 * 200.0 + batch)) + 40.0;
    return GaussKronrod.integrate(integrand, 0.0, kink, QUAD_ABS_TOL, QUAD_TOL)
        + GaussKronrod.integrate(integrand, kink, kink + 10.0, QUAD_ABS_TOL, QUAD_TOL)
        + GaussKronrod.integrate(integrand, kink + 10.0, upper, QUAD_ABS_TOL, QUAD_TOL);
  }

  /** log Γ(b/2) for integer b ≥ 1, exactly: Γ(1/2) = √π and Γ(z + 1) = z Γ(z). */
  static double lnGammaHalf(int batch) {
    double z = (batch % 2 == 0) ? 1.0 : 0.5;
    double value = (batch % 2 == 0) ? 0.0 : 0.5 * Math.log(Math.PI);
    while (z < batch / 2.0) {
      value += Math.log(z);
      z += 1.0;
    }
    return value;
  }

  private static void checkEta(double eta) {
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("eta: expected a finite step size > 0, got " + eta);
    }
  }

  private static void checkBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("b: expected a batch size >= 1, got " + batch);
    }
  }
}
