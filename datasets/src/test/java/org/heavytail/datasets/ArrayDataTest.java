package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArrayDataTest {

  /** Six 2-value examples with labels 2, 0, 1, 0, 2, 1 (example i has values 10i, 10i + 1). */
  private static ArrayData six() {
    int[] labels = {2, 0, 1, 0, 2, 1};
    float[] f = new float[12];
    for (int i = 0; i < 6; i++) {
      f[2 * i] = 10 * i;
      f[2 * i + 1] = 10 * i + 1;
    }
    return new ArrayData(f, labels, new float[0], new long[] {2}, 3);
  }

  @Test
  void firstClassesKeepsTheExamplesOfTheFirstKClassesInOrder() {
    ArrayData two = six().firstClasses(2);
    assertEquals(2, two.numClasses());
    assertArrayEquals(new int[] {0, 1, 0, 1}, two.labels());
    assertArrayEquals(new float[] {10, 11, 20, 21, 30, 31, 50, 51}, two.features());
    ArrayData one = six().firstClasses(1);
    assertEquals(1, one.numClasses());
    assertArrayEquals(new int[] {0, 0}, one.labels());
    ArrayData all = six().firstClasses(3);
    assertEquals(6, all.size());
    assertArrayEquals(six().labels(), all.labels());
  }

  /**
   * The class-interleaved order of six() (labels 2, 0, 1, 0, 2, 1) is examples 1, 2, 0, 3, 5, 4
   * (round 0: first 0, first 1, first 2; round 1: second of each); any prefix is balanced.
   */
  @Test
  void balancedHeadTakesClassesInTurn() {
    ArrayData three = six().balancedHead(3);
    assertArrayEquals(new int[] {0, 1, 2}, three.labels());
    assertArrayEquals(new float[] {10, 11, 20, 21, 0, 1}, three.features());
    assertEquals(3, three.numClasses());
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, six().balancedHead(6).labels());
    assertArrayEquals(new float[] {10, 11, 20, 21, 0, 1, 30, 31, 50, 51, 40, 41},
        six().balancedHead(6).features());
    // a class that runs out is skipped: labels 0, 0, 0, 1 -> 0, 1, 0, 0
    ArrayData skewed = new ArrayData(new float[] {0, 1, 2, 3}, new int[] {0, 0, 0, 1},
        new float[0], new long[] {1}, 2);
    assertArrayEquals(new int[] {0, 1, 0, 0}, skewed.balancedHead(4).labels());
    assertArrayEquals(new float[] {0, 3, 1, 2}, skewed.balancedHead(4).features());
    assertThrows(IllegalArgumentException.class, () -> six().balancedHead(0));
    assertThrows(IllegalArgumentException.class, () -> six().balancedHead(7));
    ArrayData regression = new ArrayData(new float[] {1, 2}, new int[0], new float[] {3, 4},
        new long[] {1}, 0);
    assertThrows(IllegalArgumentException.class, () -> regression.balancedHead(1));
  }

  @Test
  void firstClassesRejectsBadK() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> six().firstClasses(4));
    assertTrue(e.getMessage().contains("numClasses = 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> six().firstClasses(0));
    ArrayData reg = new ArrayData(new float[4], new int[0], new float[2], new long[] {2}, 0);
    assertThrows(IllegalArgumentException.class, () -> reg.firstClasses(1));
  }

  @Test
  void headStillReturnsThisWhenLargeEnough() {
    ArrayData d = six();
    assertSame(d, d.head(10));
  }

  @Test
  void standardizedIsTheTrainingLoopsFloatTransformAndSharesLabels() {
    ArrayData d = six();
    double mu = 0.1307;
    double sd = 0.3081;
    ArrayData z = d.standardized(mu, sd);
    float fmu = (float) mu;
    float inv = (float) (1 / sd);
    for (int i = 0; i < d.features().length; i++) {
      assertEquals((d.features()[i] - fmu) * inv, z.features()[i], 0f, "feature " + i);
    }
    assertSame(d.labels(), z.labels());
    assertArrayEquals(d.exampleShape(), z.exampleShape());
    assertEquals(d.numClasses(), z.numClasses());
  }
}
