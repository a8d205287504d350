package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochSamplerTest {

  @Test
  void eachEpochDrawsWithoutReplacement() {
    EpochSampler s = EpochSampler.of(103, 10, 5);
    assertEquals(10, s.stepsPerEpoch());
    for (int epoch = 0; epoch < 3; epoch++) {
      boolean[] seen = new boolean[103];
      for (int j = 0; j < 10; j++) {
        for (int i : s.batch(epoch * 10L + j)) {
          assertFalse(seen[i], "example " + i + " drawn twice in epoch " + epoch);
          seen[i] = true;
        }
      }
      int count = 0;
      for (boolean b : seen) {
        count += b ? 1 : 0;
      }
      assertEquals(100, count); // the last 3 of the permutation are dropped
    }
  }

  @Test
  void batchesArePureFunctionsOfSeedAndStep() {
    EpochSampler a = EpochSampler.of(1000, 32, 9);
    EpochSampler b = EpochSampler.of(1000, 32, 9);
    // b visits steps in another order: results must not depend on history
    int[] late = b.batch(95);
    int[] early = b.batch(3);
    assertArrayEquals(a.batch(3), early);
    assertArrayEquals(a.batch(95), late);
    assertFalse(Arrays.equals(a.permutation(0), a.permutation(1)));
    assertFalse(Arrays.equals(a.batch(0), EpochSampler.of(1000, 32, 10).batch(0)));
  }

  @Test
  void permutationIsUniformEnough() {
    // position of example 0 in π_e over 2000 epochs: each of 10 positions ~ 200 times
    EpochSampler s = EpochSampler.of(10, 1, 1);
    int[] counts = new int[10];
    for (int e = 0; e < 2000; e++) {
      int[] p = s.permutation(e);
      for (int i = 0; i < 10; i++) {
        if (p[i] == 0) {
          counts[i]++;
        }
      }
    }
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - 200.0) * (c - 200.0) / 200.0;
    }
    assertTrue(chi2 < 27.9, "chi-square " + chi2 + " (9 d.f., p = 0.001 cut-off 27.9)");
  }

  @Test
  void rejectsBatchLargerThanData() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EpochSampler.of(10, 11, 0));
    assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"));
  }
}
