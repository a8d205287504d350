package org.heavytail.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.heavytail.datasets.ArrayData;
import org.junit.jupiter.api.Test;

class DoubleWellTest {

  @Test
  void closedFormValues() {
    DoubleWell f = DoubleWell.oneDimensional();
    assertEquals(1.0, f.value(new double[] {0}), 0);
    assertEquals(0.0, f.value(new double[] {1}), 0);
    assertEquals(0.0, f.value(new double[] {-1}), 0);
    assertEquals(9.0, f.value(new double[] {2}), 0); // (4 - 1)²
    assertEquals(24.0, f.gradient(new double[] {2})[0], 0); // 4·2·3
    assertEquals(0.0, f.gradient(new double[] {-1})[0], 0);
    DoubleWell g = DoubleWell.twoDimensional(3);
    assertEquals(1 + 1.5 * 4, g.value(new double[] {0, 2}), 1e-15);
    assertArrayEquals(new double[] {0, 6}, g.gradient(new double[] {1, 2}), 1e-15);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    Random r = new Random(5);
    for (DoubleWell f : new DoubleWell[] {DoubleWell.oneDimensional(),
        DoubleWell.twoDimensional(0.7)}) {
      for (int t = 0; t < 20; t++) {
        double[] th = new double[f.dimension()];
        for (int k = 0; k < th.length; k++) {
          th[k] = 3 * r.nextGaussian();
        }
        double[] g = f.gradient(th);
        for (int k = 0; k < th.length; k++) {
          double h = 1e-5;
          double[] p = th.clone();
          double[] m = th.clone();
          p[k] += h;
          m[k] -= h;
          double fd = (f.value(p) - f.value(m)) / (2 * h);
          assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    }
  }

  @Test
  void finiteSumGradientIsTheMeanOfShiftedGradients() {
    DoubleWell f = DoubleWell.twoDimensional(2);
    ArrayData z = f.sample(100, 0.3, 9);
    assertArrayEquals(z.features(), f.sample(100, 0.3, 9).features());
    assertArrayEquals(new long[] {2}, z.exampleShape());
    int[] batch = {3, 17, 42};
    double[] th = {0.4, -0.2};
    double[] expect = new double[2];
    for (int i : batch) {
      double[] gi = f.gradient(new double[] {th[0] - z.features()[2 * i],
          th[1] - z.features()[2 * i + 1]});
      expect[0] += gi[0] / 3;
      expect[1] += gi[1] / 3;
    }
    assertArrayEquals(expect, f.gradient(th, z, batch), 1e-12);
    // with s = 0 all shifts vanish and the finite sum is f itself
    ArrayData zero = f.sample(4, 0, 1);
    assertEquals(f.value(th), f.value(th, zero, new int[] {0, 1, 2, 3}), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> f.value(new double[] {1}));
  }
}
