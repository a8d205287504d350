package org.heavytail.tailstats.stable;

/**
 * log Γ(x) for x &gt; 0 by the Lanczos (1964) approximation with g = 7 and nine coefficients (the
 * widely published set, e.g. Press et al., Numerical Recipes 3rd ed., §6.1, and Godfrey's
 * table), relative error about 1e-15 for x ≥ 1/2; the reflection formula is not needed here
 * (only Γ(1 + 1/α), argument ≥ 1.5, is used).
 */
final class LogGamma {

  private static final double G = 7;
  private static final double[] C = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private LogGamma() {}

  /** log Γ(x), x ≥ 1/2. */
  static double logGamma(double x) {
    double z = x - 1;
    double a = C[0];
    double t = z + G + 0.5;
    for (int i = 1; i < 9; i++) {
      a += C[i] / (z + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
