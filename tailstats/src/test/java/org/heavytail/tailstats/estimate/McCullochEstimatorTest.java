package org.heavytail.tailstats.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.heavytail.tailstats.stable.Parameterization;
import org.heavytail.tailstats.stable.StableDistribution;
import org.junit.jupiter.api.Test;

class McCullochEstimatorTest {

  /** Closed forms of the table: Gaussian and Cauchy quantiles. */
  @Test
  void tableHasTheGaussianAndCauchyValues() {
    double z95 = 1.6448536269514722; // Φ⁻¹(0.95)
    double z75 = 0.6744897501960817; // Φ⁻¹(0.75)
    for (double b : new double[] {0, 0.35, 1}) {
      assertEquals(z95 / z75, McCullochInversion.nuAlpha(2, b), 1e-12, "nu_alpha(2)");
      assertEquals(0, McCullochInversion.nuBeta(2, b), 1e-12, "nu_beta(2)");
      assertEquals(2 * z75 * Math.sqrt(2),
          McCullochInversion.value(McCullochTable.NU_C, 2, b, true), 1e-12, "nu_c(2)");
    }
    // Cauchy: quantiles tan(π(p − 1/2))
    assertEquals(Math.tan(0.45 * Math.PI), McCullochInversion.nuAlpha(1, 0), 1e-12);
    assertEquals(2, McCullochInversion.value(McCullochTable.NU_C, 1, 0, true), 1e-12);
  }

  /**
   * The committed table agrees with the current stable law: on grid nodes to 1e-11, between
   * nodes within the bicubic interpolation error measured at 2e-5 (relative ν_α, absolute ν_β and
   * median) except in the corner α &lt; 0.7, |β| &gt; 0.8, where ν_β bends sharply and the error
   * reaches 2.5e-4.
   */
  @Test
  void tableMatchesTheStableLawQuantiles() {
    double[][] points = {
      {1.5, 0.3, 1e-11}, {0.8, -0.7, 1e-11}, {1.1234, 0.123, 2e-5}, {1.77, -0.44, 2e-5},
      {0.993, 0.99, 2e-5}, {1.994, 0.7, 2e-5}, {0.64, 0.83, 5e-4}
    };
    for (double[] ab : points) {
      StableDistribution d = StableDistribution.of(ab[0], ab[1], 1, 0, Parameterization.S0);
      double q05 = d.quantile(0.05);
      double q25 = d.quantile(0.25);
      double q50 = d.quantile(0.5);
      double q75 = d.quantile(0.75);
      double q95 = d.quantile(0.95);
      double nuA = (q95 - q05) / (q75 - q25);
      double nuB = (q95 + q05 - 2 * q50) / (q95 - q05);
      double tol = ab[2];
      String at = " at " + ab[0] + ", " + ab[1];
      assertEquals(nuA, McCullochInversion.nuAlpha(ab[0], ab[1]), tol * nuA, "nu_alpha" + at);
      assertEquals(nuB, McCullochInversion.nuBeta(ab[0], ab[1]), tol, "nu_beta" + at);
      assertEquals(q50, McCullochInversion.value(McCullochTable.MEDIAN0, ab[0], ab[1], false),
          tol, "median" + at);
    }
  }

  @Test
  void inversionRecoversAlphaAndBeta() {
    for (double a : new double[] {0.55, 0.9, 1.0, 1.33, 1.7, 1.97}) {
      for (double b : new double[] {-0.9, -0.2, 0, 0.5, 0.95}) {
        McCullochInversion.Result r =
            McCullochInversion.invert(
                McCullochInversion.nuAlpha(a, b), McCullochInversion.nuBeta(a, b));
        assertEquals(a, r.alpha(), 1e-9, "alpha at " + a + "," + b);
        // β is poorly identified as α → 2 (ν_β → 0): compare through ν_β instead there
        if (a < 1.9) {
          assertEquals(b, r.beta(), 1e-8, "beta at " + a + "," + b);
        }
        assertFalse(r.alphaClamped());
      }
    }
    McCullochInversion.Result gauss = McCullochInversion.invert(2.3, 0);
    assertEquals(2, gauss.alpha());
    assertTrue(gauss.alphaClamped());
  }

  /**
   * α̂ on SαS samples at n = 10⁵: the error standard deviation measured by {@link
   * McCullochStudy} at n = 10⁶ over 20 seeds (benchmarks/stable.md) times √10 gives the n = 10⁵
   * spread σ; the test allows 5σ (an honest failure has probability below 1e-6).
   */
  @Test
  void recoversAlphaOnSymmetricSamples() {
    double[] alphas = {0.8, 1.2, 1.5, 1.8, 2.0};
    double[] sd1e6 = SD_AT_1E6;
    McCullochEstimator est = McCullochEstimator.of();
    float[] x = new float[100_000];
    for (int i = 0; i < alphas.length; i++) {
      StableDistribution.of(alphas[i], 0, 2.5, -1).fill(77L + i, x);
      TailIndexEstimate e = est.estimate(x);
      double tol = 5 * sd1e6[i] * Math.sqrt(10);
      assertEquals(alphas[i], e.alpha(), tol, "alpha " + alphas[i]);
      assertEquals("mcculloch", e.method());
      assertEquals(100_000, e.n());
      assertTrue(e.ciLow() <= e.alpha() && e.alpha() <= e.ciHigh(), e.toString());
      assertEquals(2.5, (double) e.parameters().get("scale"), 0.05, "scale");
    }
  }

  /** Measured standard deviations of α̂ − α at n = 10⁶ (McCullochStudy, 20 seeds). */
  static final double[] SD_AT_1E6 = {0.00169, 0.00175, 0.00138, 0.00281, 0.00318};

  @Test
  void fitsSkewAndLocation() {
    StableDistribution truth = StableDistribution.of(1.4, 0.6, 3, 2);
    McCullochFit fit = McCullochEstimator.of().fit(truth.sample(9L, 200_000));
    assertEquals(1.4, fit.alpha(), 0.03);
    assertEquals(0.6, fit.beta(), 0.08);
    assertEquals(3, fit.scale(), 0.05);
    assertEquals(2, fit.location1(), 0.1);
  }

  @Test
  void asymptoticStandardErrorMatchesTheSpreadOverSeeds() {
    // 40 seeds at n = 20,000, α = 1.5: the sd of α̂ over seeds vs the mean reported se.
    // The sd of a 40-sample sd is about 11%; allow 35%.
    McCullochEstimator est = McCullochEstimator.of();
    StableDistribution d = StableDistribution.symmetric(1.5, 1);
    float[] x = new float[20_000];
    double[] a = new double[40];
    double seMean = 0;
    for (int s = 0; s < a.length; s++) {
      d.fill(500L + s, x);
      McCullochFit f = est.fit(x);
      a[s] = f.alpha();
      seMean += f.alphaStdError() / a.length;
    }
    double mean = Arrays.stream(a).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(a).map(v -> (v - mean) * (v - mean)).sum() / (a.length - 1));
    assertEquals(sd, seMean, 0.35 * sd, "empirical sd " + sd + " vs mean se " + seMean);
  }

  @Test
  void rejectsBadInputNamingTheEstimatorAndCounts() {
    McCullochEstimator est = McCullochEstimator.of();
    IllegalArgumentException few =
        assertThrows(IllegalArgumentException.class, () -> est.estimate(new float[10]));
    assertTrue(few.getMessage().contains("mcculloch"), few.getMessage());
    assertTrue(few.getMessage().contains("found 10"), few.getMessage());
    assertTrue(few.getMessage().contains("at least 40"), few.getMessage());

    float[] x = new float[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    x[7] = Float.NaN;
    x[9] = Float.POSITIVE_INFINITY;
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> est.estimate(x));
    assertTrue(nan.getMessage().contains("mcculloch: found 2 NaN/Inf"), nan.getMessage());
    assertTrue(nan.getMessage().contains("index 7"), nan.getMessage());

    double[] same = new double[100];
    Arrays.fill(same, 3.0);
    IllegalArgumentException eq =
        assertThrows(IllegalArgumentException.class, () -> est.estimate(same));
    assertTrue(eq.getMessage().contains("mcculloch"), eq.getMessage());
    assertTrue(eq.getMessage().contains("100 samples"), eq.getMessage());
    assertThrows(IllegalArgumentException.class, () -> McCullochEstimator.of(1.5));
  }

  @Test
  void selectionQuantilesEqualSortedQuantiles() {
    double[] x = StableDistribution.of(0.9, 0.3, 1, 0).sample(3L, 10_001);
    float[] f = new float[x.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) x[i];
    }
    x[5] = x[6] = x[7]; // ties
    double[] p = {0.05, 0.25, 0.5, 0.75, 0.95, 0.0, 1.0};
    Arrays.sort(p);
    double[] s = x.clone();
    Arrays.sort(s);
    float[] sf = f.clone();
    Arrays.sort(sf);
    double[] q = Selection.quantiles(x, p);
    double[] qf = Selection.quantiles(f, p);
    for (int i = 0; i < p.length; i++) {
      double h = (s.length - 1) * p[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, s.length - 1);
      assertEquals(s[lo] + (h - lo) * (s[hi] - s[lo]), q[i], 0, "p=" + p[i]);
      assertEquals(sf[lo] + (h - lo) * ((double) sf[hi] - sf[lo]), qf[i], 0, "float p=" + p[i]);
    }
  }
}
