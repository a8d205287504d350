package org.heavytail.tailstats.stable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sampler checks against closed forms via sample quantiles. The standard error of the sample
 * p-quantile is √(p(1−p)/n)/f(q_p); tolerances below are 5 such standard errors or more.
 */
class StableSamplerTest {

  private static double quantile(double[] x, double p) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[(int) Math.floor(p * (s.length - 1))];
  }

  @Test
  void gaussianCaseHasVarianceTwoScaleSquared() {
    double[] x = StableDistribution.of(2, 0.7, 3, 1).sample(11L, 200_000);
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    // N(1, 18): se(mean) = 0.0095, se(var) = 18·√(2/n) = 0.057.
    assertEquals(1, mean, 0.05);
    assertEquals(18, var, 0.3);
  }

  @Test
  void cauchyQuartilesAreLocationPlusMinusScale() {
    double[] x = StableDistribution.of(1, 0, 2, 5).sample(12L, 200_000);
    // Cauchy(5, 2): quartiles 3 and 7, f(q) = 1/(4π) → se = √(3/16/n)/f ≈ 0.0122.
    assertEquals(3, quantile(x, 0.25), 0.07);
    assertEquals(7, quantile(x, 0.75), 0.07);
    assertEquals(5, quantile(x, 0.5), 0.06);
  }

  @Test
  void levyMedianMatchesClosedForm() {
    // Lévy(0, γ) = γ/N², median γ/Φ⁻¹(3/4)² = γ · 2.19811...
    double q75 = 0.6744897501960817;
    double[] x = StableDistribution.of(0.5, 1, 1.5, 0).sample(13L, 200_000);
    double med = quantile(x, 0.5);
    assertEquals(1.5 / (q75 * q75), med, 0.05);
    assertTrue(Arrays.stream(x).allMatch(v -> v > 0), "Lévy samples are positive");
  }

  @Test
  void s0AndS1DifferOnlyByTheLocationShift() {
    StableDistribution s1 = StableDistribution.of(1.5, 0.5, 2, 0);
    StableDistribution s0 = s1.toParameterization(Parameterization.S0);
    assertEquals(0.5 * 2 * Math.tan(Math.PI * 0.75), s0.location(), 1e-15);
    assertArrayEquals(s1.sample(3L, 1000), s0.sample(3L, 1000), 1e-12);
    StableDistribution one = StableDistribution.of(1, 0.5, 3, 0, Parameterization.S0);
    assertEquals(
        -0.5 * (2 / Math.PI) * 3 * Math.log(3),
        one.toParameterization(Parameterization.S1).location(),
        1e-15);
  }

  @Test
  void sampleIsDeterministicInSeedAndLength() {
    StableDistribution d = StableDistribution.of(1.3, -0.4, 1, 0);
    assertArrayEquals(d.sample(7L, 100_000), d.sample(7L, 100_000));
    float[] f = new float[100_000];
    d.fill(new SplittableRandom(7L), f);
    double[] x = d.sample(7L, 100_000);
    for (int i = 0; i < f.length; i++) {
      assertEquals((float) x[i], f[i]);
    }
  }

  @Test
  void rejectsParametersOutOfRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StableDistribution.of(2.5, 0, 1, 0));
    assertTrue(e.getMessage().contains("alpha = 2.5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StableDistribution.of(1, 1.5, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> StableDistribution.of(1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StableDistribution.of(1, 0, 1, Double.NaN));
  }
}
