package org.heavytail.trainer.reproduce.kesten;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's (1973) root finder: inverse quadratic interpolation and secant steps safeguarded by
 * bisection, on a bracket [a, b] with f(a) f(b) ≤ 0.
 */
final class Brent {

  private Brent() {}

  static double root(DoubleUnaryOperator f, double a, double b, double tol) {
    double fa = f.applyAsDouble(a);
    double fb = f.applyAsDouble(b);
    if (fa * fb > 0) {
      throw new IllegalArgumentException(
          "bracket [" + a + ", " + b + "]: f has the same sign at both ends (" + fa + ", " + fb
              + "); expected a sign change");
    }
    if (Math.abs(fa) < Math.abs(fb)) {
      double t = a; a = b; b = t;
      t = fa; fa = fb; fb = t;
    }
    double c = a;
    double fc = fa;
    double d = b - a;
    boolean bisected = true;
    for (int iter = 0; iter < 200; iter++) {
      if (fb == 0 || Math.abs(b - a) < tol) {
        return b;
      }
      double s;
      if (fa != fc && fb != fc) {
        s = a * fb * fc / ((fa - fb) * (fa - fc))
            + b * fa * fc / ((fb - fa) * (fb - fc))
            + c * fa * fb / ((fc - fa) * (fc - fb));
      } else {
        s = b - fb * (b - a) / (fb - fa);
      }
      double lo = (3 * a + b) / 4;
      boolean outside = (s - lo) * (s - b) > 0;
      if (outside
          || (bisected && Math.abs(s - b) >= Math.abs(b - c) / 2)
          || (!bisected && Math.abs(s - b) >= Math.abs(c - d) / 2)
          || (bisected && Math.abs(b - c) < tol)
          || (!bisected && Math.abs(c - d) < tol)) {
        s = 0.5 * (a + b);
        bisected = true;
      } else {
        bisected = false;
      }
      double fs = f.applyAsDouble(s);
      d = c;
      c = b;
      fc = fb;
      if (fa * fs < 0) {
        b = s;
        fb = fs;
      } else {
        a = s;
        fa = fs;
      }
      if (Math.abs(fa) < Math.abs(fb)) {
        double t = a; a = b; b = t;
        t = fa; fa = fb; fb = t;
      }
    }
    return b;
  }
}
