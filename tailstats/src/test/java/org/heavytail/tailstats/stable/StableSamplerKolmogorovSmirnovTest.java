package org.heavytail.tailstats.stable;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Kolmogorov–Smirnov test of the Chambers–Mallows–Stuck sampler against the Nolan-integral CDF,
 * n = 10,000 draws per law with fixed seeds. D_n = sup |F_n − F|; the asymptotic 1% critical
 * value is 1.6276/√n = 0.01628 (Kolmogorov distribution, P(K &gt; 1.6276) = 0.01), so each law
 * passes unless sampler and CDF disagree (or, with probability 1%, by chance: the seeds are fixed,
 * so the outcome is deterministic).
 */
class StableSamplerKolmogorovSmirnovTest {

  private static final int N = 10_000;
  private static final double CRITICAL_1PCT = 1.6276 / Math.sqrt(N);

  private static double ksStatistic(StableDistribution d, long seed) {
    double[] x = d.sample(seed, N);
    Arrays.sort(x);
    double[] f = IntStream.range(0, N).parallel().mapToDouble(i -> d.cdf(x[i])).toArray();
    double dn = 0;
    for (int i = 0; i < N; i++) {
      dn = Math.max(dn, Math.max((i + 1.0) / N - f[i], f[i] - (double) i / N));
    }
    return dn;
  }

  @Test
  void samplerMatchesTheDistributionFunction() {
    Object[][] laws = {
      {0.8, 0.5, Parameterization.S1},
      {1.0, 0.7, Parameterization.S1},
      {1.0, 0.0, Parameterization.S1},
      {1.5, -0.3, Parameterization.S1},
      {1.9, 0.0, Parameterization.S1},
      {1.0001, 0.5, Parameterization.S0},
      {0.5, 1.0, Parameterization.S1}
    };
    long seed = 20261125L;
    for (Object[] l : laws) {
      StableDistribution d =
          StableDistribution.of((double) l[0], (double) l[1], 1.3, 0.2, (Parameterization) l[2]);
      double dn = ksStatistic(d, seed++);
      assertTrue(dn < CRITICAL_1PCT, d + ": D_n = " + dn + " >= " + CRITICAL_1PCT);
    }
  }

  /** The KS statistic has power: a slightly wrong α is rejected at this n. */
  @Test
  void ksDetectsAWrongAlpha() {
    StableDistribution truth = StableDistribution.of(1.5, 0, 1, 0);
    double[] x = truth.sample(5L, N);
    Arrays.sort(x);
    StableDistribution wrong = StableDistribution.of(1.25, 0, 1, 0);
    double dn = 0;
    for (int i = 0; i < N; i++) {
      double f = wrong.cdf(x[i]);
      dn = Math.max(dn, Math.max((i + 1.0) / N - f, f - (double) i / N));
    }
    assertTrue(dn > CRITICAL_1PCT, "D_n = " + dn);
  }
}
