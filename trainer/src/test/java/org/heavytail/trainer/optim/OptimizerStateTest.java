package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Save/load mid-way: N steps, save, then N more steps must equal N steps, a fresh optimizer of
 * the same options loading the saved state into a fresh model, and the same N steps, bit for
 * bit, for every built-in optimizer (including the random stream of noisy SGD).
 */
class OptimizerStateTest {
  static final int N = 3;

  static OptimizerOptions options(String name) {
    switch (name) {
      case "noisy-sgd":
        return SgdTest.opts("lr", "0.05", "sigma", "0.5", "seed", "7");
      case "noisy-stable":
        return SgdTest.opts("lr", "0.05", "sigma", "0.1", "noise", "stable", "alpha", "1.5",
            "seed", "7");
      case "newton":
        return SgdTest.opts("lr", "0.5", "damping", "0.1");
      default:
        return SgdTest.opts("lr", "0.01", "weight-decay", "0.001", "schedule", "cosine",
            "total", "10", "warmup", "2");
    }
  }

  static Optimizer create(String name) {
    String factory = name.equals("noisy-stable") ? "noisy-sgd" : name;
    return OptimizerFactory.forName(factory).create(options(name));
  }

  /** Deterministic gradients per step (a pseudo-random but fixed function of the step). */
  static void setGradients(Fixture f, int k) {
    Random r = new Random(1000 + k);
    for (int i = 0; i < f.slots.size(); i++) {
      double[] g = new double[Math.toIntExact(f.slots.get(i).weight().size())];
      for (int j = 0; j < g.length; j++) {
        g[j] = r.nextGaussian();
      }
      f.grad(i, g);
    }
  }

  static Fixture model() {
    return new Fixture()
        .param("w", new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8}, 2, 4)
        .param("b", new double[] {0.01, -0.02}, 2);
  }

  static NDArray features(Fixture f, int k) {
    Random r = new Random(5000 + k);
    float[] x = new float[16 * 4];
    for (int j = 0; j < x.length; j++) {
      x[j] = (float) r.nextGaussian();
    }
    return f.manager.create(x, new Shape(16, 4));
  }

  static void steps(Optimizer opt, Fixture f, int from, int to) {
    for (int k = from; k < to; k++) {
      setGradients(f, k);
      try (NDArray x = features(f, k)) {
        opt.update(f.context(k, x));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad", "diffgrad",
        "newton", "noisy-sgd", "noisy-stable"})
  void saveMidwayContinuesBitForBit(String name) {
    float[][] straight;
    OptimizerState saved;
    float[][] atSave;
    try (Fixture f = model()) {
      Optimizer opt = create(name);
      steps(opt, f, 0, N);
      saved = opt.saveState();
      atSave = new float[][] {f.rawWeight(0), f.rawWeight(1)};
      steps(opt, f, N, 2 * N);
      straight = new float[][] {f.rawWeight(0), f.rawWeight(1)};
    }
    assertEquals(N, saved.scalars().get("t"));
    assertFalse(java.util.Arrays.equals(atSave[0], straight[0]), "the steps after the save move w");
    // the saved state survives a copy through plain arrays (as a checkpoint file would hold it)
    Map<String, float[]> arrays = new HashMap<>();
    saved.arrays().forEach((k, v) -> arrays.put(k, v.clone()));
    OptimizerState copy =
        new OptimizerState(saved.optimizer(), arrays, new HashMap<>(saved.scalars()));
    try (Fixture f = model()) {
      f.slots.get(0).weight().set(java.nio.FloatBuffer.wrap(atSave[0]));
      f.slots.get(1).weight().set(java.nio.FloatBuffer.wrap(atSave[1]));
      Optimizer opt = create(name);
      opt.loadState(copy);
      // saving before the first update returns the loaded state unchanged
      OptimizerState again = opt.saveState();
      assertEquals(saved.scalars(), again.scalars());
      assertEquals(saved.arrays().keySet(), again.arrays().keySet());
      saved.arrays().forEach((k, v) -> assertArrayEquals(v, again.arrays().get(k), k));
      steps(opt, f, N, 2 * N);
      assertArrayEquals(straight[0], f.rawWeight(0), name + " w after resume");
      assertArrayEquals(straight[1], f.rawWeight(1), name + " b after resume");
    }
  }

  @Test
  void noisyStreamFollowsTheSavedSeedNotTheNewOptions() {
    float[] straight;
    OptimizerState saved;
    float[] atSave;
    try (Fixture f = model()) {
      Optimizer opt = create("noisy-stable");
      steps(opt, f, 0, N);
      saved = opt.saveState();
      atSave = f.rawWeight(0);
      steps(opt, f, N, 2 * N);
      straight = f.rawWeight(0);
    }
    try (Fixture f = model()) {
      f.slots.get(0).weight().set(java.nio.FloatBuffer.wrap(atSave));
      Optimizer other = OptimizerFactory.forName("noisy-sgd").create(
          options("noisy-stable").with("seed", 99));
      other.loadState(saved);
      steps(other, f, N, 2 * N);
      assertArrayEquals(straight, f.rawWeight(0));
    }
  }

  @Test
  void momentsAreSavedPerParameter() {
    try (Fixture f = model()) {
      Optimizer opt = create("adam");
      steps(opt, f, 0, 2);
      OptimizerState s = opt.saveState();
      assertEquals("adam", s.optimizer());
      assertEquals(java.util.Set.of("m/w", "v/w", "m/b", "v/b"), s.arrays().keySet());
      assertEquals(8, s.arrays().get("m/w").length);
    }
  }

  @Test
  void loadRejectsAnotherOptimizersState() {
    OptimizerState adamState = create("adam").saveState();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> create("sgd").loadState(adamState));
    assertTrue(e.getMessage().contains("'adam'") && e.getMessage().contains("'sgd'"),
        e.getMessage());
  }

  @Test
  void loadRejectsStateOfTheWrongShape() {
    try (Fixture f = model()) {
      Optimizer opt = create("adam");
      opt.loadState(
          new OptimizerState("adam", Map.of("m/w", new float[3], "v/w", new float[3]),
              Map.of("t", 1.0)));
      setGradients(f, 0);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> opt.update(f.context(0)));
      assertTrue(e.getMessage().contains("m/w") && e.getMessage().contains("(2, 4)"),
          e.getMessage());
    }
  }
}
