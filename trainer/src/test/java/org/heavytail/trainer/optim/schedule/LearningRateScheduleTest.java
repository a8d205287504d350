package org.heavytail.trainer.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.heavytail.trainer.optim.OptimizerOptions;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  static OptimizerOptions opts(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return OptimizerOptions.of(m);
  }

  @Test
  void constantByDefault() {
    LearningRateSchedule s = LearningRateSchedule.fromOptions(0.1, opts());
    assertEquals(0.1, s.learningRate(0));
    assertEquals(0.1, s.learningRate(1_000_000));
  }

  @Test
  void stepDecay() {
    LearningRateSchedule s =
        LearningRateSchedule.fromOptions(0.1, opts("schedule", "step", "step-size", "10",
            "gamma", "0.5"));
    assertEquals(0.1, s.learningRate(9), 1e-15);
    assertEquals(0.05, s.learningRate(10), 1e-15);
    assertEquals(0.025, s.learningRate(29), 1e-15);
  }

  @Test
  void cosineWithWarmupAsDocumented() {
    // lr=0.1 schedule=cosine total=1000 warmup=100
    LearningRateSchedule s =
        LearningRateSchedule.fromOptions(0.1, opts("schedule", "cosine", "total", "1000",
            "warmup", "100"));
    assertEquals(0.1 / 100, s.learningRate(0), 1e-15);
    assertEquals(0.1 * 50 / 100, s.learningRate(49), 1e-15);
    assertEquals(0.1, s.learningRate(99), 1e-15);
    assertEquals(0.1, s.learningRate(100), 1e-15);
    // halfway through the 900 cosine steps: cos(π/2) = 0 → lr/2
    assertEquals(0.05, s.learningRate(550), 1e-15);
    assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 300 / 900.0)), s.learningRate(400), 1e-15);
    assertEquals(0.0, s.learningRate(1000), 1e-15);
    assertEquals(0.0, s.learningRate(5000), 1e-15);
  }

  @Test
  void cosineFloor() {
    Cosine c = new Cosine(1.0, 4, 0.2);
    assertEquals(1.0, c.learningRate(0), 1e-15);
    assertEquals(0.2 + 0.8 * 0.5 * (1 + Math.cos(Math.PI / 4)), c.learningRate(1), 1e-15);
    assertEquals(0.2, c.learningRate(4), 1e-15);
  }

  @Test
  void badOptionsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> LearningRateSchedule.fromOptions(0.1, opts("schedule", "exp")));
    assertTrue(e.getMessage().contains("'exp'") && e.getMessage().contains("cosine"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.fromOptions(0.1, opts("schedule", "cosine")));
    assertTrue(e.getMessage().contains("'total'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.fromOptions(0.1,
            opts("schedule", "cosine", "total", "50", "warmup", "100")));
    assertTrue(e.getMessage().contains("'total' = 50"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.fromOptions(0.1, opts("schedule", "step", "step-size", "0")));
    assertTrue(e.getMessage().contains("'step-size' = 0"), e.getMessage());
  }
}
