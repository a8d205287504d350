package org.heavytail.trainer.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequireTest {
  @Test
  void returnsTheValueAtOrAboveTheBoundAndNamesTheFlagBelowIt() {
    assertEquals(1, Require.atLeast("--every", 1, 1));
    assertEquals(5L, Require.atLeast("--snapshot-budget", 5L, 0L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Require.atLeast("--noise-batches", 1, 2));
    assertEquals("--noise-batches must be >= 2, got 1", e.getMessage());
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
        () -> Require.atLeast("--snapshot-budget", -3L, 0L));
    assertEquals("--snapshot-budget must be >= 0, got -3", l.getMessage());
    assertEquals("--noise-every must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> NoiseProbeHook.builder().optEvery(0)).getMessage(), "builders use it");
  }
}
