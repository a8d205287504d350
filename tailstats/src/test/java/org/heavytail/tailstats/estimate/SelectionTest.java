package org.heavytail.tailstats.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quickselect quantiles against type-7 quantiles of a fully sorted copy. */
class SelectionTest {

  private static final double[] P = {0.0, 0.01, 0.05, 0.25, 0.5, 0.72, 0.95, 0.99, 1.0};

  /** Type 7 of Hyndman and Fan from a sorted copy: the reference. */
  private static double[] sorted(double[] x, double[] p) {
    double[] s = x.clone();
    Arrays.sort(s);
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double h = (s.length - 1) * p[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, s.length - 1);
      q[i] = s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
    return q;
  }

  @Test
  void equalsSortedReferenceWithTiesAndAllSizes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 3, 23, 24, 25, 100, 1001, 50_000}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        // a third of the values tied on a coarse grid, the rest continuous
        x[i] = i % 3 == 0 ? Math.floor(r.nextDouble() * 10) : r.nextGaussian();
      }
      double[] before = x.clone();
      assertArrayEquals(sorted(x, P), Selection.quantiles(x, P), 0.0, "n = " + n);
      assertArrayEquals(before, x, 0.0, "input left unmodified");
    }
  }

  @Test
  void floatInputGivesTheQuantilesOfItsWidenedValues() {
    SplittableRandom r = new SplittableRandom(11);
    float[] f = new float[10_007];
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) (r.nextGaussian() / (r.nextDouble() + 1e-3));
      d[i] = f[i];
    }
    assertArrayEquals(Selection.quantiles(d, P), Selection.quantiles(f, P), 0.0);
  }

  @Test
  void medianOfKnownSample() {
    assertEquals(2.5, Selection.quantiles(new double[] {4, 1, 3, 2}, new double[] {0.5})[0],
        0.0);
  }
}
