package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SgdTest {
  static final double[] W0 = {0.5, -1.25, 2.0, 0.75};
  static final double[][] G = {
    {0.1, -0.2, 0.3, -0.4}, {-0.3, 0.25, 0.05, 0.6}, {0.2, 0.2, -0.7, 0.1}, {0.05, -0.15, 0.4, -0.2}
  };

  /** Runs the optimizer on the fixed gradient sequence and returns the weights after each step. */
  /** Runs the element-wise and the fused paths; both are returned-checked against each other. */
  static double[][] runBoth(java.util.function.Supplier<Optimizer> opt) {
    boolean before = FusedKernels.enabled;
    try {
      FusedKernels.enabled = false;
      double[][] plain = run(opt.get());
      FusedKernels.enabled = true;
      double[][] fused = run(opt.get());
      for (int k = 0; k < plain.length; k++) {
        Fixture.assertClose(plain[k], fused[k], 1e-7, "fused vs element-wise, step " + k);
      }
      return fused;
    } finally {
      FusedKernels.enabled = before;
    }
  }

  static double[][] run(Optimizer opt) {
    try (Fixture f = new Fixture().param("w", W0, 2, 2)) {
      double[][] out = new double[G.length][];
      for (int k = 0; k < G.length; k++) {
        f.grad(0, G[k]);
        opt.update(f.context(k));
        out[k] = f.weight(0);
      }
      return out;
    }
  }

  @Test
  void plainSgdWithWeightDecayMatchesFormula() {
    double lr = 0.1;
    double wd = 0.01;
    double[] w = Fixture.rounded(W0);
    double[][] got = runBoth(() -> Sgd.builder().setLearningRate(lr).optWeightDecay(wd).build());
    for (int k = 0; k < G.length; k++) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= lr * (G[k][i] + wd * w[i]);
      }
      Fixture.assertClose(w, got[k], 1e-6, "sgd step " + k);
    }
  }

  @Test
  void heavyBallMatchesPyTorchConvention() {
    double lr = 0.05;
    double mu = 0.9;
    double wd = 0.001;
    double[] w = Fixture.rounded(W0);
    double[] v = new double[w.length];
    double[][] got =
        run(Sgd.builder().setLearningRate(lr).optMomentum(mu).optWeightDecay(wd).build());
    for (int k = 0; k < G.length; k++) {
      for (int i = 0; i < w.length; i++) {
        double g = G[k][i] + wd * w[i];
        v[i] = mu * v[i] + g;
        w[i] -= lr * v[i];
      }
      Fixture.assertClose(w, got[k], 1e-6, "momentum step " + k);
    }
  }

  @Test
  void nesterovMatchesPyTorchConvention() {
    double lr = 0.05;
    double mu = 0.8;
    double[] w = Fixture.rounded(W0);
    double[] v = new double[w.length];
    Sgd opt = Sgd.builder().setLearningRate(lr).optMomentum(mu).optNesterov(true).build();
    assertEquals("nesterov", opt.name());
    double[][] got = run(opt);
    for (int k = 0; k < G.length; k++) {
      for (int i = 0; i < w.length; i++) {
        double g = G[k][i];
        v[i] = mu * v[i] + g;
        w[i] -= lr * (g + mu * v[i]);
      }
      Fixture.assertClose(w, got[k], 1e-6, "nesterov step " + k);
    }
  }

  @Test
  void factoriesAreFoundByName() {
    assertEquals("sgd", OptimizerFactory.forName("sgd").create(opts("lr", "0.1")).name());
    assertEquals("momentum", OptimizerFactory.forName("momentum").create(opts("lr", "0.1")).name());
    assertEquals("nesterov", OptimizerFactory.forName("NESTEROV").create(opts("lr", "0.1")).name());
  }

  @Test
  void scheduleIsAppliedAtTheContextStep() {
    // lr=0.1 schedule=cosine total=6 warmup=2 evaluated at steps 0..3 of the fixed gradients
    Optimizer opt =
        OptimizerFactory.forName("sgd")
            .create(opts("lr", "0.1", "schedule", "cosine", "total", "6", "warmup", "2"));
    double[] lrs = {0.05, 0.1, 0.1, 0.1 * 0.5 * (1 + Math.cos(Math.PI / 4))};
    double[] w = Fixture.rounded(W0);
    double[][] got = run(opt);
    for (int k = 0; k < G.length; k++) {
      for (int i = 0; i < w.length; i++) {
        w[i] -= lrs[k] * G[k][i];
      }
      Fixture.assertClose(w, got[k], 1e-6, "scheduled sgd step " + k);
    }
  }

  static OptimizerOptions opts(String... kv) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return OptimizerOptions.of(m);
  }
}
