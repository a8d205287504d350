package org.heavytail.trainer.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.heavytail.tailstats.spectrum.SymmetricEigen;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class AlignmentTest {

  /**
   * Linear model, x ~ N(0, diag(1, 2, 3)), y = xᵀθ* + 0.5ε, θ − θ* = (0.5, 0.5, 0.5): population
   * μ = 1 + eᵀS³e / ((eᵀSe + σ²) Tr S²) = 1 + 9 / (1.75·14) = 1.3673 (derivation in {@link
   * Alignment}). On n = 4000 samples the measured μ must equal the empirical formula exactly (1e-9,
   * from the sample's own Σ, H, L) and the population value within 6% (sampling error of fourth
   * moments at this n is about 2%).
   */
  @Test
  void linearGaussianMatchesClosedForm() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(41);
      int n = 4000;
      int p = 3;
      double[] sd = {1, Math.sqrt(2), Math.sqrt(3)};
      double sigma = 0.5;
      double[] thetaStar = {0.3, -0.2, 0.1};
      double[] xs = new double[n * p];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        double f = 0;
        for (int k = 0; k < p; k++) {
          xs[i * p + k] = sd[k] * rng.nextGaussian();
          f += xs[i * p + k] * thetaStar[k];
        }
        ys[i] = f + sigma * rng.nextGaussian();
      }
      NDArray x = m.create(xs, new Shape(n, p));
      NDArray y = m.create(ys, new Shape(n, 1));
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, p, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      NDArray w = model.parameterArrays().get(0);
      double[] theta = {thetaStar[0] + 0.5, thetaStar[1] + 0.5, thetaStar[2] + 0.5};
      w.set(m.create(theta, new Shape(1, p)).toByteBuffer());

      Alignment a = Alignment.measure(model, x, y,
          new Alignment.Options(0, 0, 0.1, 32, 1));

      // empirical closed form from the sample: r_i, g, Σ, H = XᵀX/n
      double[][] h = new double[p][p];
      double[] g = new double[p];
      double loss = 0;
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        double f = 0;
        for (int k = 0; k < p; k++) {
          f += xs[i * p + k] * theta[k];
        }
        r[i] = f - ys[i];
        loss += 0.5 * r[i] * r[i] / n;
        for (int k = 0; k < p; k++) {
          g[k] += r[i] * xs[i * p + k] / n;
          for (int j = 0; j < p; j++) {
            h[k][j] += xs[i * p + k] * xs[i * p + j] / n;
          }
        }
      }
      double trSigmaH = 0;
      for (int i = 0; i < n; i++) {
        double[] u = new double[p];
        for (int k = 0; k < p; k++) {
          u[k] = r[i] * xs[i * p + k] - g[k];
        }
        for (int k = 0; k < p; k++) {
          for (int j = 0; j < p; j++) {
            trSigmaH += u[k] * h[k][j] * u[j] / n;
          }
        }
      }
      double fro = 0;
      for (double[] row : h) {
        for (double v : row) {
          fro += v * v;
        }
      }
      assertEquals(n, a.examples());
      assertEquals(loss, a.loss(), 1e-12);
      assertEquals(trSigmaH, a.traceSigmaH(), 1e-9 * trSigmaH);
      assertEquals(fro, a.frobeniusSquared(), 1e-9 * fro);
      assertEquals(trSigmaH / (2 * loss * fro), a.mu(), 1e-9);
      assertEquals(0.1 * Math.sqrt(fro) / Math.sqrt(32), a.sharpness(), 1e-12);
      double population = 1 + 9 / (1.75 * 14);
      assertEquals(population, a.mu(), 0.06 * population);

      // the mixed-probe estimator agrees within 4 standard errors
      Alignment mixed = Alignment.measure(model, x, y, new Alignment.Options(400, 0, 0.1, 32, 2));
      assertEquals(trSigmaH, mixed.traceSigmaH(), 4 * mixed.traceSigmaHStdError());
      assertTrue(mixed.traceSigmaHStdError() > 0);
    }
  }

  /**
   * Full-batch GD on least squares: e ← (I − ηH)e grows by max_i (1 − ηλ_i)² per step, so θ* is
   * stable iff η &lt; 2/λ_max. Checked at η = 1.9/λ_max (contracts) and 2.1/λ_max (grows by
   * 1.21 per step asymptotically, 2% tolerance after 150 steps); minibatch SGD with small η
   * contracts.
   */
  @Test
  void stabilityThresholdOfGradientDescent() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(42);
      int n = 64;
      int p = 4;
      NDArray x = TinyNets.gaussian(m, rng, n, p, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, rng, n, 1, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, p, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      double lmax;
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        lmax = SymmetricEigen.of(TinyNets.matrix(h)).values()[p - 1];
      }
      LinearStability stable = LinearStability.check(model, x, y, 1.9 / lmax, n, 150, 1, 2, 3);
      assertTrue(stable.contracts(), stable.toString());
      LinearStability unstable = LinearStability.check(model, x, y, 2.1 / lmax, n, 150, 1, 2, 3);
      assertFalse(unstable.contracts(), unstable.toString());
      assertEquals(1.21, unstable.growthPerStep(), 0.02 * 1.21);
      LinearStability sgd = LinearStability.check(model, x, y, 0.2 / lmax, 8, 30, 3, 2, 4);
      assertTrue(sgd.contracts(), sgd.toString());
      assertEquals(List.of(8, 3, 2), List.of(sgd.batchSize(), sgd.paths(), sgd.probes()));
    }
  }
}
