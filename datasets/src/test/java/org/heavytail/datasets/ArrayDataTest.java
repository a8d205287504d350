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
}
