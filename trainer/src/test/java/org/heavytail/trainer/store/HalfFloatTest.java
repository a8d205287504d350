package org.heavytail.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

  /** Every finite half value converts to float and back to the same bits (toFloat is exact). */
  @Test
  void everyHalfRoundTrips() {
    for (int h = 0; h < 65536; h++) {
      float f = HalfFloat.toFloat((short) h);
      if (Float.isNaN(f)) {
        assertTrue(((h >>> 10) & 0x1f) == 0x1f && (h & 0x3ff) != 0, "NaN only from NaN bits");
        assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(f))));
        continue;
      }
      assertEquals((short) h, HalfFloat.fromFloat(f), "half bits " + Integer.toHexString(h));
    }
  }

  /** Known values from IEEE 754 binary16: max, min normal, min subnormal, one. */
  @Test
  void knownValues() {
    assertEquals(65504f, HalfFloat.toFloat((short) 0x7bff));
    assertEquals(0x1p-14f, HalfFloat.toFloat((short) 0x0400));
    assertEquals(0x1p-24f, HalfFloat.toFloat((short) 0x0001));
    assertEquals(1f, HalfFloat.toFloat((short) 0x3c00));
    assertEquals(-2f, HalfFloat.toFloat((short) 0xc000));
    assertEquals((short) 0x7c00, HalfFloat.fromFloat(65520f)); // halfway to 2^16 rounds to inf
    assertEquals((short) 0x7bff, HalfFloat.fromFloat(65519.99f));
    assertEquals((short) 0, HalfFloat.fromFloat(0x1p-25f)); // tie between 0 and 2^-24 -> even 0
    assertEquals((short) 1, HalfFloat.fromFloat(Math.nextUp(0x1p-25f)));
    assertEquals((short) 0x8000, HalfFloat.fromFloat(-0f));
    assertEquals((short) 0xfc00, HalfFloat.fromFloat(Float.NEGATIVE_INFINITY));
    // 1 + 2^-11 is the midpoint between 1 and 1 + 2^-10: ties to even (1)
    assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f + 0x1p-11f));
    // 1 + 3*2^-11 is the midpoint between 1+2^-10 (odd) and 1+2^-9 (even): rounds up
    assertEquals((short) 0x3c02, HalfFloat.fromFloat(1f + 3 * 0x1p-11f));
  }

  /**
   * Random floats over the whole half range map to the nearest half value, ties to even, checked
   * by brute force against the sorted table of all finite halves.
   */
  @Test
  void roundsToNearestEven() {
    float[] values = new float[0x7c00]; // finite non-negative halves 0x0000..0x7bff
    for (int h = 0; h <= 0x7bff; h++) {
      values[h] = HalfFloat.toFloat((short) h);
    }
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) Math.scalb(rnd.nextDouble(1, 2), rnd.nextInt(-27, 16));
      int j = Arrays.binarySearch(values, 0, 0x7c00, x);
      int expect;
      if (j >= 0) {
        expect = j;
      } else {
        int hi = -j - 1;
        int lo = hi - 1;
        if (hi >= 0x7c00) {
          // above max finite: rounds to max or inf (ties/overflow at 65520)
          expect = x >= 65520f ? 0x7c00 : 0x7bff;
        } else {
          double dLo = (double) x - values[lo];
          double dHi = values[hi] - (double) x;
          expect = dLo < dHi ? lo : dHi < dLo ? hi : ((lo & 1) == 0 ? lo : hi);
        }
      }
      assertEquals((short) expect, HalfFloat.fromFloat(x), "x = " + x);
      assertEquals((short) (expect | 0x8000), HalfFloat.fromFloat(-x), "x = " + -x);
    }
  }
}
