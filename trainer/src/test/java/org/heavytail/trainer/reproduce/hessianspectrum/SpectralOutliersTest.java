package org.heavytail.trainer.reproduce.hessianspectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.heavytail.tailstats.spectrum.SymmetricEigen;
import org.heavytail.trainer.curvature.SymmetricOperator;
import org.heavytail.trainer.curvature.TopEigenvalues;
import org.junit.jupiter.api.Test;

/**
 * Ground truth for the outlier counter: a symmetric matrix = random bulk + k planted spikes
 * s_j u_j u_jᵀ (u_j orthonormal, random), whose number of outliers is k by construction.
 */
class SpectralOutliersTest {

  /** Wishart bulk XXᵀ/m (d × d, X Gaussian d × m): Marchenko–Pastur, edge (1 + √(d/m))². */
  static double[][] wishart(int d, int m, Random rng) {
    double[][] x = new double[d][m];
    for (double[] row : x) {
      for (int j = 0; j < m; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int t = 0; t < m; t++) {
          s += x[i][t] * x[j][t];
        }
        a[i][j] = s / m;
        a[j][i] = s / m;
      }
    }
    return a;
  }

  /** Wigner bulk (GOE, semicircle on [−2, 2]). */
  static double[][] wigner(int d, Random rng) {
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double g = rng.nextGaussian() * (i == j ? Math.sqrt(2) : 1) / Math.sqrt(d);
        a[i][j] = g;
        a[j][i] = g;
      }
    }
    return a;
  }

  /** Adds Σ_j s_j u_j u_jᵀ with orthonormal random u_j (Gram–Schmidt). */
  static void plant(double[][] a, double[] spikes, Random rng) {
    int d = a.length;
    double[][] u = new double[spikes.length][d];
    for (int k = 0; k < spikes.length; k++) {
      for (int i = 0; i < d; i++) {
        u[k][i] = rng.nextGaussian();
      }
      for (int p = 0; p < k; p++) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
          dot += u[k][i] * u[p][i];
        }
        for (int i = 0; i < d; i++) {
          u[k][i] -= dot * u[p][i];
        }
      }
      double n = 0;
      for (int i = 0; i < d; i++) {
        n += u[k][i] * u[k][i];
      }
      n = Math.sqrt(n);
      for (int i = 0; i < d; i++) {
        u[k][i] /= n;
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] += spikes[k] * u[k][i] * u[k][j];
        }
      }
    }
  }

  static double[] topDescending(double[][] a, int k) {
    double[] asc = SymmetricEigen.eigenvalues(a);
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = asc[asc.length - 1 - i];
    }
    return out;
  }

  /** Spikes well above the edge, unevenly spaced (as Hessian outliers are). */
  static double[] spikes(int k, double edge) {
    double[] s = new double[k];
    for (int j = 0; j < k; j++) {
      s[j] = edge * (2 + 0.6 * j + 0.15 * j * j);
    }
    return s;
  }

  @Test
  void countsPlantedSpikesInAWishartBulk() {
    for (int k : new int[] {0, 1, 2, 3, 5, 7, 10}) {
      Random rng = new Random(100 + k);
      double[][] a = wishart(160, 640, rng);
      plant(a, spikes(k, 2.25), rng);
      double[] top = topDescending(a, 2 * k + 6);
      SpectralOutliers o = SpectralOutliers.of(top);
      assertEquals(k, o.count(), "k = " + k + ", top = " + Arrays.toString(top));
      assertEquals(top[k], o.bulkEdge(), 0.0);
      assertEquals(1, o.rounds());
      assertEquals(k, SpectralOutliers.iterated(top).count(), "iterated, k = " + k);
    }
  }

  @Test
  void countsPlantedSpikesInASemicircleBulk() {
    for (int k : new int[] {0, 2, 4, 8}) {
      Random rng = new Random(7 + k);
      double[][] a = wigner(160, rng);
      plant(a, spikes(k, 2.0), rng);
      double[] top = topDescending(a, 2 * k + 6);
      assertEquals(k, SpectralOutliers.of(top).count(), "k = " + k);
      assertEquals(k, SpectralOutliers.iterated(top).count(), "iterated, k = " + k);
    }
  }

  @Test
  void countsGradedSpikesDecayingTowardsTheEdge() {
    // spikes (1.5 + 6·0.5^j)·edge: the smallest outliers sit close to the bulk edge
    for (int k : new int[] {3, 5, 7}) {
      Random rng = new Random(300 + k);
      double[][] a = wishart(160, 640, rng);
      double[] s = new double[k];
      for (int j = 0; j < k; j++) {
        s[j] = 2.25 * (1.5 + 6 * Math.pow(0.5, j));
      }
      plant(a, s, rng);
      double[] top = topDescending(a, 2 * k + 6);
      assertEquals(k, SpectralOutliers.of(top).count(), "k = " + k);
      assertEquals(k, SpectralOutliers.iterated(top).count(), "iterated, k = " + k);
    }
  }

  @Test
  void pureBulkHasNoOutliersOverSeeds() {
    for (int seed = 0; seed < 6; seed++) {
      double[][] a = wishart(120, 480, new Random(1000 + seed));
      double[] top = topDescending(a, 16);
      SpectralOutliers o = SpectralOutliers.of(top);
      assertEquals(0, o.count(), "seed " + seed + ": " + o);
      assertEquals(0, SpectralOutliers.iterated(top).count(), "iterated, seed " + seed);
    }
  }

  @Test
  void countsTheSameOnLanczosTopEigenvalues() {
    int k = 5;
    Random rng = new Random(42);
    double[][] a = wishart(160, 640, rng);
    plant(a, spikes(k, 2.25), rng);
    TopEigenvalues t = TopEigenvalues.compute(SymmetricOperator.ofMatrix(a), 2 * k + 6, 160,
        1e-6, 3L);
    assertEquals(k, SpectralOutliers.of(t.values()).count(), Arrays.toString(t.values()));
  }

  @Test
  void smallGapsAmongOutliersDoNotStopTheCount() {
    // three nearly equal spikes above a bulk of evenly thinning edge eigenvalues
    double[] top = new double[12];
    top[0] = 10.02;
    top[1] = 10.01;
    top[2] = 10.0;
    for (int j = 1; j <= 9; j++) {
      top[2 + j] = 3 - 0.3 * Math.pow(j - 1, 2.0 / 3.0);
    }
    SpectralOutliers o = SpectralOutliers.of(top);
    assertEquals(3, o.count());
    assertEquals(3, SpectralOutliers.iterated(top).count());
    // δ lies between the largest bulk gap (0.3) and the outlier gap (7)
    assertTrue(o.threshold() > 0.3 && o.threshold() < 7, "δ = " + o.threshold());
  }

  @Test
  void rejectsShortOrUnsortedInput() {
    assertThrows(IllegalArgumentException.class, () -> SpectralOutliers.of(new double[5]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpectralOutliers.of(new double[] {1, 2, 0, 0, 0, 0}));
    assertTrue(e.getMessage().contains("descending"), e.getMessage());
  }
}
