package org.heavytail.tailstats.stable;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's (1973) root finder ("zeroin": bisection, secant and inverse quadratic interpolation),
 * written from the algorithm's description in R. P. Brent, "Algorithms for Minimization without
 * Derivatives", ch. 4. Shared by the stable law's quantiles and the Kesten moment equation.
 */
public final class Brent {

  private Brent() {}

  /**
   * A root of g in [a, b] given g(a) and g(b) of opposite signs (or zero), to absolute tolerance
   * 2·ε·|x| + tol/2.
   */
  public static double root(DoubleUnaryOperator g, double a, double b, double tol) {
    double fa = g.applyAsDouble(a);
    double fb = g.applyAsDouble(b);
    if (fa * fb > 0) {
      throw new IllegalArgumentException(
          "bracket [" + a + ", " + b + "]: the function has the same sign at both ends (" + fa
              + ", " + fb + "); expected a sign change");
    }
    return root(g, a, b, fa, fb, tol);
  }

  /**
   * A root of g in [a, b] given g(a) and g(b) of opposite signs (or zero), to absolute tolerance
   * 2·ε·|x| + tol/2, reusing the end values the caller already computed.
   */
  public static double root(
      DoubleUnaryOperator g, double a, double b, double fa, double fb, double tol) {
    if (fa == 0) {
      return a;
    }
    if (fb == 0) {
      return b;
    }
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    for (int iter = 0; iter < 200; iter++) {
      if ((fb > 0) == (fc > 0)) {
        c = a;
        fc = fa;
        d = b - a;
        e = d;
      }
      if (Math.abs(fc) < Math.abs(fb)) {
        a = b;
        b = c;
        c = a;
        fa = fb;
        fb = fc;
        fc = fa;
      }
      double t = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * tol;
      double m = 0.5 * (c - b);
      if (Math.abs(m) <= t || fb == 0) {
        return b;
      }
      if (Math.abs(e) < t || Math.abs(fa) <= Math.abs(fb)) {
        d = m;
        e = m;
      } else {
        double s = fb / fa;
        double p;
        double q;
        if (a == c) {
          p = 2 * m * s;
          q = 1 - s;
        } else {
          double qq = fa / fc;
          double r = fb / fc;
          p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
          q = (qq - 1) * (r - 1) * (s - 1);
        }
        if (p > 0) {
          q = -q;
        } else {
          p = -p;
        }
        if (2 * p < Math.min(3 * m * q - Math.abs(t * q), Math.abs(e * q))) {
          e = d;
          d = p / q;
        } else {
          d = m;
          e = m;
        }
      }
      a = b;
      fa = fb;
      b += Math.abs(d) > t ? d : (m > 0 ? t : -t);
      fb = g.applyAsDouble(b);
    }
    return b;
  }
}
