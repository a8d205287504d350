package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The learning rate of a config: the optimizer's default unless set, always stored resolved. */
class TrainConfigTest {

  @Test
  void withoutALearningRateTheOptimizersDefaultIsResolved() {
    assertEquals(0.1, TrainConfig.builder().build().learningRate(), 0.0);
    assertEquals(1e-3, TrainConfig.builder().setOptimizer("adam").build().learningRate(), 0.0);
    assertEquals(2e-3, TrainConfig.builder().setOptimizer("diffgrad").build().learningRate(), 0.0);
    assertEquals(0.01, TrainConfig.builder().setOptimizer("momentum").build().learningRate(), 0.0);
    assertEquals(1e-2, TrainConfig.builder().setOptimizer("rmsprop").build().learningRate(), 0.0);
    TrainConfig.Builder b = TrainConfig.builder().setOptimizer("adam");
    assertFalse(b.isLearningRateSet());
    b.optLearningRate(null);
    assertFalse(b.isLearningRateSet());
  }

  @Test
  void anExplicitLearningRateWins() {
    TrainConfig.Builder b = TrainConfig.builder().setOptimizer("adam").optLearningRate(0.25);
    assertTrue(b.isLearningRateSet());
    assertEquals(0.25, b.build().learningRate(), 0.0);
    assertEquals(0.0625,
        TrainConfig.builder().setOptimizer("sgd").setLearningRate(0.0625).build().learningRate(), 0.0);
  }

  @Test
  void theResolvedRateIsWhatTheJsonHoldsAndReplays() {
    TrainConfig c = TrainConfig.builder().setOptimizer("diffgrad").build();
    var json = c.toJson(new ObjectMapper());
    assertEquals(2e-3, json.get("learningRate").asDouble(), 0.0);
    TrainConfig back = TrainConfig.fromJson(json);
    assertEquals(c, back);
    // a config rebuilt from the replayed one keeps its η (no second resolution)
    assertEquals(2e-3, back.toBuilder().build().learningRate(), 0.0);
  }

  @Test
  void unknownOptimizerOrNoDefaultIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().setOptimizer("adamm").build());
    assertTrue(e.getMessage().contains("'adamm'") && e.getMessage().contains("adam"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().setOptimizer("adamm").setLearningRate(0.1).build());
    assertTrue(e.getMessage().contains("'adamm'"), e.getMessage());
    // test-signsgd (test sources) declares no default
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().setOptimizer("test-signsgd").build());
    assertTrue(e.getMessage().contains("test-signsgd") && e.getMessage().contains("--lr"),
        e.getMessage());
    assertEquals(0.5,
        TrainConfig.builder().setOptimizer("test-signsgd").setLearningRate(0.5).build()
            .learningRate(), 0.0);
  }
}
