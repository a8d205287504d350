package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Stochastic Newton on linear least squares, loss (1/b) Σ ½ (w·x_i + c − y_i)²: with η = 1 and
 * λ = 0 one step reaches the least-squares solution; with damping the step solves (H_B + λI) δ =
 * g, checked by multiplying back.
 */
class StochasticNewtonTest {
  static final int B = 40;
  static final int D = 5;

  final double[][] x = new double[B][D];
  final double[] y = new double[B];
  final double[] wStar = {1.5, -2.0, 0.25, 0.0, 3.0};
  final double cStar = -0.75;

  StochasticNewtonTest() {
    Random r = new Random(17);
    for (int i = 0; i < B; i++) {
      for (int a = 0; a < D; a++) {
        x[i][a] = (float) r.nextGaussian();
      }
    }
  }

  void targets(double noise) {
    Random r = new Random(23);
    for (int i = 0; i < B; i++) {
      double v = cStar;
      for (int a = 0; a < D; a++) {
        v += wStar[a] * x[i][a];
      }
      y[i] = v + noise * r.nextGaussian();
    }
  }

  /** Gradient (∇w, ∇c) of the ½-mean square loss at (w, c), in double. */
  double[] gradient(double[] w, double c) {
    double[] g = new double[D + 1];
    for (int i = 0; i < B; i++) {
      double r = c - y[i];
      for (int a = 0; a < D; a++) {
        r += w[a] * x[i][a];
      }
      for (int a = 0; a < D; a++) {
        g[a] += r * x[i][a] / B;
      }
      g[D] += r / B;
    }
    return g;
  }

  NDArray features(Fixture f) {
    float[] flat = new float[B * D];
    for (int i = 0; i < B; i++) {
      for (int a = 0; a < D; a++) {
        flat[i * D + a] = (float) x[i][a];
      }
    }
    return f.manager.create(flat, new Shape(B, D));
  }

  /** One Newton step from (w0, c0); returns (w1, c1) and the gradient used. */
  double[][] step(Optimizer opt, double[] w0, double c0) {
    try (Fixture f = new Fixture().param("weight", w0, 1, D).param("bias", new double[] {c0}, 1)) {
      double[] g = gradient(Fixture.rounded(w0), (float) c0);
      f.grad(0, java.util.Arrays.copyOf(g, D));
      f.grad(1, new double[] {g[D]});
      opt.update(f.context(0, features(f)));
      double[] w1 = f.weight(0);
      return new double[][] {w1, f.weight(1), g};
    }
  }

  @Test
  void oneFullStepReachesTheExactSolution() {
    targets(0);
    double[] w0 = {0.1, 0.2, -0.3, 0.4, 0.5};
    double[][] r = step(StochasticNewton.builder().build(), w0, 0.3);
    Fixture.assertClose(wStar, r[0], 2e-5, "w after one step");
    assertEquals(cStar, r[1][0], 2e-5, "c after one step");
  }

  @Test
  void oneFullStepZeroesTheGradientOfANoisyProblem() {
    targets(0.5);
    double[] w0 = {0.1, 0.2, -0.3, 0.4, 0.5};
    double[][] r = step(OptimizerFactory.forName("newton").create(SgdTest.opts()), w0, 0.3);
    double[] g1 = gradient(r[0], r[1][0]);
    double n0 = 0;
    double n1 = 0;
    for (int a = 0; a <= D; a++) {
      n0 += r[2][a] * r[2][a];
      n1 += g1[a] * g1[a];
    }
    assertTrue(Math.sqrt(n1) < 1e-5 * Math.sqrt(n0), "|g1| = " + Math.sqrt(n1)
        + ", |g0| = " + Math.sqrt(n0));
  }

  @Test
  void dampedStepSolvesTheDampedSystem() {
    targets(0.5);
    double lr = 0.5;
    double lambda = 0.3;
    double[] w0 = {0.1, 0.2, -0.3, 0.4, 0.5};
    double[][] r =
        step(StochasticNewton.builder().setLearningRate(lr).optDamping(lambda).build(), w0, 0.3);
    double[] delta = new double[D + 1];
    for (int a = 0; a < D; a++) {
      delta[a] = ((float) w0[a] - r[0][a]) / lr;
    }
    delta[D] = ((float) 0.3 - r[1][0]) / lr;
    // (X̃ᵀX̃/b + λI) δ must equal g
    for (int a = 0; a <= D; a++) {
      double lhs = lambda * delta[a];
      for (int i = 0; i < B; i++) {
        double xa = a < D ? x[i][a] : 1;
        double dot = delta[D];
        for (int c = 0; c < D; c++) {
          dot += x[i][c] * delta[c];
        }
        lhs += xa * dot / B;
      }
      assertEquals(r[2][a], lhs, 1e-4 * Math.max(1, Math.abs(r[2][a])), "row " + a);
    }
  }

  @Test
  void singularHessianAsksForDamping() {
    try (Fixture f = new Fixture().param("weight", new double[D], 1, D)) {
      NDArray twoRows = f.manager.create(new float[2 * D], new Shape(2, D));
      IllegalStateException e =
          assertThrows(IllegalStateException.class,
              () -> StochasticNewton.builder().build().update(f.context(7, twoRows)));
      assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("damping"),
          e.getMessage());
    }
  }

  @Test
  void rejectsModelsOtherThanLinear() {
    try (Fixture f = new Fixture().param("w1", new double[D * 3], 3, D)
        .param("w2", new double[6], 2, 3)) {
      NDArray xb = features(f);
      IllegalStateException e =
          assertThrows(IllegalStateException.class,
              () -> StochasticNewton.builder().build().update(f.context(0, xb)));
      assertTrue(e.getMessage().contains("linear model"), e.getMessage());
    }
  }
}
