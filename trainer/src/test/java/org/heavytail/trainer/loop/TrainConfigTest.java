package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The learning rate of a config (the optimizer's default unless set, always stored resolved) and
 * its training subset.
 */
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

  /**
   * subsetBalanced travels through the JSON, a config written before the field reads as false,
   * and subsetOf applies the chosen selection (or names the too-large subset).
   */
  @Test
  void balancedSubsetRoundTripsAndSelects() {
    ObjectMapper mapper = new ObjectMapper();
    TrainConfig c = TrainConfig.builder().optSubset(3).optSubsetBalanced(true).build();
    var json = c.toJson(mapper);
    assertTrue(TrainConfig.fromJson(json).subsetBalanced());
    json.remove("subsetBalanced");
    assertFalse(TrainConfig.fromJson(json).subsetBalanced());
    org.heavytail.datasets.ArrayData sorted = new org.heavytail.datasets.ArrayData(
        new float[] {0, 1, 2, 3, 4, 5}, new int[] {0, 0, 1, 1, 2, 2}, new float[0],
        new long[] {1}, 3);
    assertArrayEquals(new int[] {0, 1, 2}, c.subsetOf(sorted).labels());
    assertArrayEquals(new int[] {0, 0, 1},
        c.toBuilder().optSubsetBalanced(false).build().subsetOf(sorted).labels());
    assertSame(sorted, TrainConfig.builder().build().subsetOf(sorted));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().optSubset(7).build().subsetOf(sorted));
    assertTrue(e.getMessage().contains("subset 7"), e.getMessage());
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
