package org.heavytail.tailstats.stable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Density, distribution function, quantile and characteristic function against closed forms and
 * independently computed references. Tolerances are relative unless stated.
 */
class StableDistributionTest {

  private static void assertRel(double expected, double actual, double tol, String what) {
    double rel = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(rel <= tol, what + ": expected " + expected + ", got " + actual + ", rel " + rel);
  }

  /** α = 2 is N(δ, 2γ²): density to 1e-12 relative, out to 30 standard deviations. */
  @Test
  void alphaTwoIsGaussianWithVarianceTwoScaleSquared() {
    double g = 1.7;
    StableDistribution d = StableDistribution.of(2, 0.4, g, 0.5);
    double sd = Math.sqrt(2) * g;
    for (double z : new double[] {0, 0.3, 1, 2.5, 5, 10, 20, 30, -7}) {
      double x = 0.5 + z * sd;
      double exact = Math.exp(-z * z / 2) / (Math.sqrt(2 * Math.PI) * sd);
      assertRel(exact, d.pdf(x), 1e-12, "pdf at z=" + z);
    }
    // Φ(z) from scipy.special.ndtr 1.17.1 (Cephes, ~1 ulp): lower tail to 1e-12
    double[][] phi = {
      {-1, 0.15865525393145707}, {-3, 0.0013498980316300933}, {-6, 9.865876450376946e-10},
      {-10, 7.61985302416047e-24}
    };
    for (double[] zp : phi) {
      assertRel(zp[1], d.cdf(0.5 + zp[0] * sd), 1e-12, "cdf at z=" + zp[0]);
      assertRel(zp[1], d.survival(0.5 - zp[0] * sd), 1e-12, "survival at z=" + -zp[0]);
    }
  }

  /** α = 1/2, β = 1 in S1 is Lévy(δ, γ): f = √(γ/2π) (x−δ)^(−3/2) e^(−γ/(2(x−δ))). */
  @Test
  void halfTotallySkewedIsLevy() {
    double g = 1.3;
    double loc = -0.4;
    StableDistribution d = StableDistribution.of(0.5, 1, g, loc);
    for (double y : new double[] {0.01, 0.1, 0.5, 1, 3, 10, 1e3, 1e6}) {
      double exact = Math.sqrt(g / (2 * Math.PI)) * Math.pow(y, -1.5) * Math.exp(-g / (2 * y));
      assertRel(exact, d.pdf(loc + y), 1e-12, "pdf at y=" + y);
    }
    assertEquals(0, d.pdf(loc - 0.5));
    // F = erfc(√(γ/(2y))); erfc from Python's math.erfc (libm), the y chosen so that √(γ/2y) =
    // 1/√2, 1, 1/2, 5
    double[][] erfc = {
      {g, 0.31731050786291415}, {g / 2, 0.15729920705028513}, {2 * g, 0.4795001221869535},
      {g / 50, 1.5374597944280351e-12}
    };
    for (double[] ye : erfc) {
      assertRel(ye[1], d.cdf(loc + ye[0]), 1e-12, "cdf at y=" + ye[0]);
    }
    // upper tail: 1 − F = erf(√(γ/2y)) at y = 1e6 γ: erf(1/√(2e6)), Python math.erf
    assertRel(0.0007978844278221252, d.survival(loc + 1e6 * g), 1e-12, "survival at 1e6");
  }

  /** α = 1, β = 0 is Cauchy; α within 1e-3 of 1 stays close (|∂f/∂α| &lt; 0.2 at these x). */
  @Test
  void alphaOneSymmetricIsCauchyAndNeighboursAreContinuous() {
    StableDistribution c = StableDistribution.of(1, 0, 2, 1);
    assertRel(1 / (2 * Math.PI), c.pdf(1), 1e-15, "Cauchy mode");
    assertRel(1 + 2 * 3.077683537175253, c.quantile(0.9), 1e-13, "Cauchy 0.9-quantile");
    // tan(pi(p - 1/2)) = -1/tan(pi p), Python math
    assertRel(1 + 2 * -31830.988607907086, c.quantile(1e-5), 1e-12, "Cauchy 1e-5-quantile");
    for (double x : new double[] {0, 1, 4}) {
      double cauchy = 1 / (Math.PI * (1 + x * x));
      for (double a : new double[] {1 - 1e-3, 1 - 1e-6, 1 + 1e-9, 1 + 3e-5, 1 + 1e-3}) {
        double f = StableDistribution.of(a, 0, 1, 0).pdf(x);
        assertEquals(cauchy, f, 0.2 * Math.abs(a - 1) + 1e-14, "alpha=" + a + " x=" + x);
      }
    }
  }

  /** S0 is continuous at α = 1 for β ≠ 0 (Nolan 2020, Prop. 1.13), across the band. */
  @Test
  void s0IsContinuousAcrossAlphaOneWhenSkewed() {
    for (double x : new double[] {-2, 0.3, 5}) {
      double at1 = StableDistribution.of(1, 0.6, 1, 0, Parameterization.S0).pdf(x);
      double left = StableDistribution.of(1 - 1e-7, 0.6, 1, 0, Parameterization.S0).pdf(x);
      double right = StableDistribution.of(1 + 1e-7, 0.6, 1, 0, Parameterization.S0).pdf(x);
      double farLeft = StableDistribution.of(1 - 1e-3, 0.6, 1, 0, Parameterization.S0).pdf(x);
      assertEquals(at1, left, 1e-6 * at1, "x=" + x);
      assertEquals(at1, right, 1e-6 * at1, "x=" + x);
      assertEquals(at1, farLeft, 1e-2 * at1, "x=" + x);
    }
  }

  @Test
  void cdfAndSurvivalAreComplementaryAndDensityIsTheirDerivative() {
    double[][] laws = {{0.7, 0.3}, {1, -0.8}, {1.3, 0.9}, {1.5, 0}, {1.95, -0.5}};
    for (double[] l : laws) {
      StableDistribution d = StableDistribution.of(l[0], l[1], 1, 0);
      for (double x : new double[] {-6, -1.1, 0.2, 0.9, 3, 40}) {
        assertEquals(1, d.cdf(x) + d.survival(x), 2e-14, d + " x=" + x);
        double h = 1e-3 * Math.max(1, Math.abs(x));
        // five-point derivative: truncation h⁴ f⁽⁵⁾/30, rounding about 1e-15/h, both < 1e-8 relative
        double fd =
            (8 * (d.cdf(x + h) - d.cdf(x - h)) - (d.cdf(x + 2 * h) - d.cdf(x - 2 * h))) / (12 * h);
        assertRel(d.pdf(x), fd, 1e-8, d + " dF/dx at x=" + x);
      }
    }
  }

  @Test
  void quantileInvertsTheDistributionFunctionIntoTheTails() {
    double[][] laws = {{0.6, 0}, {0.8, 1}, {1, 0.5}, {1.2, -0.4}, {1.5, 0}, {1.9, 0.9}, {2, 0}};
    for (double[] l : laws) {
      StableDistribution d = StableDistribution.of(l[0], l[1], 1.5, -2);
      for (double p : new double[] {1e-10, 1e-3, 0.05, 0.25, 0.5, 0.75, 0.95, 1 - 1e-8}) {
        double x = d.quantile(p);
        double back = p <= 0.5 ? d.cdf(x) : 1 - d.survival(x);
        double tol = p <= 0.5 ? 1e-11 * p : 1e-11 * (1 - p);
        assertEquals(p, back, tol, d + " p=" + p);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> StableDistribution.of(1, 0, 1, 0).quantile(1.5));
  }

  @Test
  void densityAtZetaIsTheClosedFormAndContinuous() {
    // x = ζ uses f = Γ(1+1/α) cos θ₀ / (π (1+ζ²)^(1/(2α))); neighbours use the integral
    StableDistribution d = StableDistribution.of(1.2, 0.5, 1, 0, Parameterization.S0);
    double zeta = -0.5 * Math.tan(Math.PI * 0.6);
    double at = d.pdf(zeta);
    assertRel(at, d.pdf(zeta + 1e-9), 1e-8, "right of zeta");
    assertRel(at, d.pdf(zeta - 1e-9), 1e-8, "left of zeta");
    // symmetric α = 1.5: f(0) = Γ(1 + 1/α)/π = Γ(5/3)/π, Γ(5/3) = 0.9027452929509336 (A&S table)
    assertRel(0.9027452929509336 / Math.PI, StableDistribution.of(1.5, 0, 1, 0).pdf(0), 1e-14, "f(0)");
  }

  @Test
  void characteristicFunctionMatchesTheDefinitionInBothParameterizations() {
    StableDistribution s1 = StableDistribution.of(1.4, 0.7, 2, 0.3);
    StableDistribution s0 = s1.toParameterization(Parameterization.S0);
    for (double t : new double[] {-3, -0.5, 0.1, 1, 2.5}) {
      Complex a = s1.characteristicFunction(t);
      Complex b = s0.characteristicFunction(t);
      assertEquals(a.re(), b.re(), 1e-14, "re t=" + t);
      assertEquals(a.im(), b.im(), 1e-14, "im t=" + t);
      assertEquals(Math.exp(-Math.pow(2 * Math.abs(t), 1.4)), a.abs(), 1e-15, "|phi| t=" + t);
    }
    StableDistribution g = StableDistribution.of(2, 0, 1.5, 0);
    assertEquals(Math.exp(-2.25 * 4), g.characteristicFunction(2).re(), 1e-15);
    StableDistribution one = StableDistribution.of(1, 0.5, 3, 0);
    StableDistribution one0 = one.toParameterization(Parameterization.S0);
    Complex a = one.characteristicFunction(0.7);
    Complex b = one0.characteristicFunction(0.7);
    assertEquals(a.re(), b.re(), 1e-14);
    assertEquals(a.im(), b.im(), 1e-14);
  }
}
