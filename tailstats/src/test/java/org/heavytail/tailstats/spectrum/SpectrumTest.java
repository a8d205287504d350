package org.heavytail.tailstats.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectrumTest {

  /** Q diag(λ) Qᵀ with Q a product of random Householder reflections. */
  private static double[][] withSpectrum(double[] lambda, long seed) {
    int n = lambda.length;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = lambda[i];
    }
    Random r = new Random(seed);
    for (int h = 0; h < 3; h++) {
      double[] v = new double[n];
      double nn = 0;
      for (int i = 0; i < n; i++) {
        v[i] = r.nextGaussian();
        nn += v[i] * v[i];
      }
      // A <- H A H with H = I − 2 v vᵀ / (vᵀv)
      double[][] ha = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += ((i == k ? 1 : 0) - 2 * v[i] * v[k] / nn) * a[k][j];
          }
          ha[i][j] = s;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += ha[i][k] * ((k == j ? 1 : 0) - 2 * v[k] * v[j] / nn);
          }
          a[i][j] = s;
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          a[i][j] = a[j][i] = 0.5 * (a[i][j] + a[j][i]);
        }
      }
    }
    return a;
  }

  @Test
  void jacobiRecoversAKnownSpectrum() {
    double[] lambda = {-3, -1e-3, 0, 0.5, 1, 1, 2, 7.25, 40, 1e3};
    double[] got = SymmetricEigen.eigenvalues(withSpectrum(lambda, 5));
    assertArrayEquals(lambda, got, 1e-10 * 1e3);
    // 2×2 closed form: [[2, 1], [1, 2]] has eigenvalues 1 and 3
    assertArrayEquals(new double[] {1, 3},
        SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}}), 1e-14);
    assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigen.eigenvalues(new double[][] {{1, 2}, {0, 1}}));
  }

  @Test
  void correlationEigenvaluesOfOrthogonalColumns() {
    // W (6×3): column c is nonzero on rows 2c, 2c+1 only, with entries ±(c+1)√3, so the
    // columns are orthogonal with squared norms 6, 24, 54 and WᵀW/6 = diag(1, 4, 9)
    float[] w = new float[18];
    for (int r = 0; r < 6; r++) {
      int c = r / 2;
      w[r * 3 + c] = (float) ((c + 1) * Math.sqrt(3) * (r % 2 == 0 ? 1 : -1));
    }
    double[] ev = SymmetricEigen.correlationEigenvalues(w, 6, 3);
    assertArrayEquals(new double[] {1, 4, 9}, ev, 1e-5);
    // the transposed matrix gives the same spectrum
    float[] wt = new float[18];
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < 3; c++) {
        wt[c * 6 + r] = w[r * 3 + c];
      }
    }
    assertArrayEquals(ev, SymmetricEigen.correlationEigenvalues(wt, 3, 6), 1e-9);
  }

  @Test
  void powerLawFitRecoversParetoExponent() {
    // density p(x) ∝ x^{−3} above x_min = 2: x = 2 U^{−1/2}; body below: uniform on (0, 2)
    SplittableRandom r = new SplittableRandom(9);
    double[] x = new double[6000];
    for (int i = 0; i < 4000; i++) {
      x[i] = 2 * Math.pow(1 - r.nextDouble(), -1 / 2.0);
    }
    for (int i = 4000; i < 6000; i++) {
      x[i] = 2 * r.nextDouble();
    }
    SpectrumPowerLaw f = PowerLawFit.of().fit(x);
    // se = (a − 1)/√n_tail ≈ 2/63 ≈ 0.03: allow 4 se
    assertEquals(3.0, f.densityExponent(), 4 * f.standardError(), f.toString());
    assertEquals(2.0, f.xmin(), 0.3, f.toString());
    assertEquals(6000, f.count());
    assertEquals((f.densityExponent() - 1) / Math.sqrt(f.tailCount()), f.standardError(), 1e-15);
    // pure Pareto with a = 2.5: x_min near the sample minimum 1
    double[] p = new double[3000];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.pow(1 - r.nextDouble(), -1 / 1.5);
    }
    SpectrumPowerLaw g = PowerLawFit.of().fit(p);
    assertEquals(2.5, g.densityExponent(), 4 * g.standardError(), g.toString());
    assertThrows(IllegalArgumentException.class, () -> PowerLawFit.of().fit(new double[5]));
  }
}
