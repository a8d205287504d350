package org.heavytail.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.heavytail.datasets.ArrayData;
import org.junit.jupiter.api.Test;

class GaussianLinearRegressionTest {

  @Test
  void shapesAndReproducibility() {
    GaussianLinearRegression g =
        GaussianLinearRegression.builder().setSize(50).setDimension(4).optSeed(3).build();
    GaussianLinearRegression.Sample a = g.generate();
    GaussianLinearRegression.Sample b = g.generate();
    ArrayData d = a.data();
    assertEquals(50, d.size());
    assertArrayEquals(new long[] {4}, d.exampleShape());
    assertEquals(50, d.targets().length);
    assertEquals(0, d.labels().length);
    assertArrayEquals(d.features(), b.data().features());
    assertArrayEquals(d.targets(), b.data().targets());
    assertArrayEquals(a.trueWeights(), b.trueWeights());
    GaussianLinearRegression.Sample c =
        GaussianLinearRegression.builder().setSize(50).setDimension(4).optSeed(4).build()
            .generate();
    assertNotEquals(d.features()[0], c.data().features()[0]);
  }

  @Test
  void noiselessTargetsAreExactlyLinear() {
    double[] w = {0.5, -2, 1};
    ArrayData d = GaussianLinearRegression.builder().setSize(20).setDimension(3).optNoise(0)
        .optTrueWeights(w).build().generate().data();
    for (int i = 0; i < 20; i++) {
      double dot = 0;
      for (int j = 0; j < 3; j++) {
        dot += d.features()[i * 3 + j] * w[j];
      }
      assertEquals(dot, d.targets()[i], 1e-5);
    }
  }

  /**
   * Ground truth by moments: with n = 20,000, d = 2, s = 2, σ = 0.5 the least-squares estimate
   * has standard error σ / (s √n) ≈ 0.0018 per coordinate, so it must recover w* within 0.01;
   * the residual variance must be σ² = 0.25 within 0.01 (its s.e. is σ²√(2/n) ≈ 0.0025), and
   * the feature variance s² = 4 within 0.1 (s.e. 4√(2/n) ≈ 0.04).
   */
  @Test
  void leastSquaresRecoversTrueWeightsAndNoise() {
    int n = 20_000;
    GaussianLinearRegression.Sample s = GaussianLinearRegression.builder().setSize(n)
        .setDimension(2).optNoise(0.5).optFeatureScale(2).optSeed(11).build().generate();
    float[] x = s.data().features();
    float[] y = s.data().targets();
    double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0, var = 0;
    for (int i = 0; i < n; i++) {
      double u = x[2 * i], v = x[2 * i + 1];
      a11 += u * u;
      a12 += u * v;
      a22 += v * v;
      b1 += u * y[i];
      b2 += v * y[i];
      var += u * u;
    }
    double det = a11 * a22 - a12 * a12;
    double w1 = (a22 * b1 - a12 * b2) / det;
    double w2 = (a11 * b2 - a12 * b1) / det;
    assertEquals(s.trueWeights()[0], w1, 0.01);
    assertEquals(s.trueWeights()[1], w2, 0.01);
    double rss = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - w1 * x[2 * i] - w2 * x[2 * i + 1];
      rss += r * r;
    }
    assertEquals(0.25, rss / (n - 2), 0.01);
    assertEquals(4.0, var / n, 0.1);
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianLinearRegression.builder().setSize(0));
    assertTrue(e.getMessage().contains("n = 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GaussianLinearRegression.builder().optNoise(-1));
    assertThrows(IllegalStateException.class,
        () -> GaussianLinearRegression.builder().setSize(3).build());
    assertThrows(IllegalArgumentException.class,
        () -> GaussianLinearRegression.builder().setSize(3).setDimension(2)
            .optTrueWeights(new double[] {1}).build());
  }
}
