package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Adam, AdamW, RMSProp, AdaGrad and diffGrad against their formulas evaluated by hand in double
 * precision on a fixed gradient sequence of 5 steps over two parameters (a 2×3 matrix and a
 * 3-vector), bias corrections included; tolerance 1e-6 relative (the engine works in float32).
 */
class AdaptiveOptimizersTest {
  static final double[] W0 = {0.5, -1.25, 2.0, 0.75, -0.3, 1.1};
  static final double[] B0 = {0.2, -0.4, 0.05};
  static final double[][] GW = {
    {0.1, -0.2, 0.3, -0.4, 0.02, 0.5},
    {-0.3, 0.25, 0.05, 0.6, -0.01, 0.45},
    {0.2, 0.2, -0.7, 0.1, 0.03, -0.5},
    {0.05, -0.15, 0.4, -0.2, 0.0, 0.48},
    {0.15, -0.05, 0.35, -0.25, 0.04, 0.52}
  };
  static final double[][] GB = {
    {1.0, -2.0, 0.001}, {0.8, -1.5, -0.002}, {-0.5, 3.0, 0.003}, {0.1, 0.0, 0.0}, {0.2, -0.1, 0.5}
  };
  static final int STEPS = GW.length;

  /** A per-coordinate reference rule: updates w[i] (and its state) given gradient g, step t. */
  interface Rule {
    void step(double[] w, double[][] state, double[] g, double lr, int t);
  }

  /** Runs the optimizer and the reference side by side and compares after every step. */
  static void check(Optimizer opt, Rule rule, double lr, int nState, String what) {
    double[][] w = {Fixture.rounded(W0), Fixture.rounded(B0)};
    double[][][] state = {new double[nState][W0.length], new double[nState][B0.length]};
    try (Fixture f = new Fixture().param("w", W0, 2, 3).param("b", B0, 3)) {
      for (int k = 0; k < STEPS; k++) {
        f.grad(0, GW[k]);
        f.grad(1, GB[k]);
        opt.update(f.context(k));
        rule.step(w[0], state[0], Fixture.rounded(GW[k]), lr, k + 1);
        rule.step(w[1], state[1], Fixture.rounded(GB[k]), lr, k + 1);
        Fixture.assertClose(w[0], f.weight(0), 1e-6, what + " w, step " + k);
        Fixture.assertClose(w[1], f.weight(1), 1e-6, what + " b, step " + k);
      }
    }
  }

  static Rule adam(double b1, double b2, double eps, double wd, boolean decoupled) {
    return (w, s, g, lr, t) -> {
      for (int i = 0; i < w.length; i++) {
        double gi = decoupled ? g[i] : g[i] + wd * w[i];
        if (decoupled) {
          w[i] *= 1 - lr * wd;
        }
        s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
        s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
        double mhat = s[0][i] / (1 - Math.pow(b1, t));
        double vhat = s[1][i] / (1 - Math.pow(b2, t));
        w[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
      }
    };
  }

  @Test
  void adamDefaults() {
    check(Adam.builder().setLearningRate(0.01).build(), adam(0.9, 0.999, 1e-8, 0, false), 0.01, 2,
        "adam");
  }

  @Test
  void adamCustomBetasAndCoupledDecay() {
    Adam opt =
        Adam.builder().setLearningRate(0.05).optBeta1(0.8).optBeta2(0.95).optEpsilon(1e-3)
            .optWeightDecay(0.1).build();
    assertEquals("adam", opt.name());
    check(opt, adam(0.8, 0.95, 1e-3, 0.1, false), 0.05, 2, "adam coupled");
  }

  @Test
  void adamwDecoupledDecayFromFactory() {
    Optimizer opt =
        OptimizerFactory.forName("adamw")
            .create(SgdTest.opts("lr", "0.02", "weight-decay", "0.5", "beta2", "0.99"));
    assertEquals("adamw", opt.name());
    check(opt, adam(0.9, 0.99, 1e-8, 0.5, true), 0.02, 2, "adamw");
  }

  @Test
  void rmsprop() {
    double rho = 0.9;
    double eps = 1e-6;
    double wd = 0.01;
    Rule rule =
        (w, s, g, lr, t) -> {
          for (int i = 0; i < w.length; i++) {
            double gi = g[i] + wd * w[i];
            s[0][i] = rho * s[0][i] + (1 - rho) * gi * gi;
            w[i] -= lr * gi / (Math.sqrt(s[0][i]) + eps);
          }
        };
    check(RmsProp.builder().setLearningRate(0.01).optRho(rho).optEpsilon(eps).optWeightDecay(wd)
        .build(), rule, 0.01, 1, "rmsprop");
  }

  @Test
  void adagrad() {
    double eps = 1e-10;
    Rule rule =
        (w, s, g, lr, t) -> {
          for (int i = 0; i < w.length; i++) {
            s[0][i] += g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(s[0][i]) + eps);
          }
        };
    check(AdaGrad.builder().setLearningRate(0.1).build(), rule, 0.1, 1, "adagrad");
  }

  @Test
  void diffgrad() {
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double wd = 0.02;
    Rule rule =
        (w, s, g, lr, t) -> {
          for (int i = 0; i < w.length; i++) {
            double gi = g[i] + wd * w[i];
            double xi = 1 / (1 + Math.exp(-Math.abs(s[2][i] - gi)));
            s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
            s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
            double mhat = s[0][i] / (1 - Math.pow(b1, t));
            double vhat = s[1][i] / (1 - Math.pow(b2, t));
            w[i] -= lr * xi * mhat / (Math.sqrt(vhat) + eps);
            s[2][i] = gi;
          }
        };
    check(DiffGrad.builder().setLearningRate(0.03).optWeightDecay(wd).build(), rule, 0.03, 3,
        "diffgrad");
  }

  @Test
  void diffgradDiffersFromAdamByTheFriction() {
    // same gradients: the friction ξ ∈ [½, 1) makes each diffGrad step strictly shorter.
    try (Fixture a = new Fixture().param("w", W0, 6);
        Fixture d = new Fixture().param("w", W0, 6)) {
      Optimizer adam = Adam.builder().setLearningRate(0.01).build();
      Optimizer diff = DiffGrad.builder().setLearningRate(0.01).build();
      a.grad(0, GW[0]);
      d.grad(0, GW[0]);
      adam.update(a.context(0));
      diff.update(d.context(0));
      double[] wa = a.weight(0);
      double[] wd = d.weight(0);
      for (int i = 0; i < W0.length; i++) {
        double stepAdam = Math.abs(wa[i] - (float) W0[i]);
        double stepDiff = Math.abs(wd[i] - (float) W0[i]);
        double xi = 1 / (1 + Math.exp(-Math.abs((float) GW[0][i])));
        assertEquals(xi * stepAdam, stepDiff, 1e-6 * stepAdam + 1e-7, "coordinate " + i);
      }
    }
  }
}
