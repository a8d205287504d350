package org.heavytail.tailstats.accumulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogAbsSumTest {

  /** Reference: Σ ln|x| with Math.log, compensated (Kahan) summation. */
  private static double reference(float[] x, int off, int len) {
    double s = 0;
    double c = 0;
    for (int i = off; i < off + len; i++) {
      double y = Math.log(Math.abs((double) x[i])) - c;
      double t = s + y;
      c = (t - s) - y;
      s = t;
    }
    return s;
  }

  @Test
  void meanErrorBelow1e14AcrossMagnitudes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int len : new int[] {1, 7, 47, 48, 49, 1000, 100_003}) {
      float[] x = new float[len + 3];
      for (int i = 0; i < x.length; i++) {
        // magnitudes from 2^-149 (subnormal) to 2^127, both signs
        double e = -149 + r.nextDouble() * 276;
        x[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(2, e) * (1 + r.nextDouble()));
        if (x[i] == 0 || Float.isInfinite(x[i])) {
          x[i] = 1.5f;
        }
      }
      double got = LogAbsSum.of(x, 3, len);
      double want = reference(x, 3, len);
      // stated bound: |error| <= n*u + |sum|*u, u = 2^-53
      double bound = len * 0x1p-53 * 4 + Math.abs(want) * 0x1p-52;
      assertEquals(want, got, bound, "len " + len);
      assertTrue(Math.abs(got - want) / len < 1e-14, "mean error for len " + len);
    }
  }

  @Test
  void doubleVersionMatches() {
    SplittableRandom r = new SplittableRandom(8);
    double[] y = new double[10_007];
    double want = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(60) - 30);
      if (y[i] == 0) {
        y[i] = 1;
      }
      want += Math.log(Math.abs(y[i]));
    }
    assertEquals(want, LogAbsSum.of(y, 0, y.length), 1e-9 * Math.abs(want) + 1e-9);
  }

  @Test
  void zeroNanAndInfinityGiveNaN() {
    for (float bad : new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY}) {
      for (int pos : new int[] {0, 33, 99}) {
        float[] x = new float[100];
        java.util.Arrays.fill(x, 2f);
        x[pos] = bad;
        assertTrue(Double.isNaN(LogAbsSum.of(x, 0, 100)), "bad " + bad + " at " + pos);
      }
    }
    assertEquals(100 * Math.log(2), LogAbsSum.of(filled(100, -2f), 0, 100), 1e-12);
  }

  private static float[] filled(int n, float v) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    return x;
  }
}
