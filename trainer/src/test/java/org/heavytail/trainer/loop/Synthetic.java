package org.heavytail.trainer.loop;

import java.util.SplittableRandom;
import org.heavytail.datasets.ArrayData;

/** Small seeded data sets for loop tests. */
final class Synthetic {
  private Synthetic() {}

  /** k Gaussian blobs in d dimensions, centres at 3 on the first coordinates, unit noise. */
  static ArrayData blobs(int n, int d, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        double centre = j < k ? (j == y[i] ? 3 : 0) : 0;
        x[i * d + j] = (float) (centre + r.nextGaussian());
      }
    }
    return new ArrayData(x, y, new float[0], new long[] {d}, k);
  }

  /** Linear regression y = aᵀw* + noise, a ~ N(0, I). */
  static ArrayData regression(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * d];
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) r.nextGaussian();
        s += x[i * d + j] * (j + 1) * 0.1;
      }
      t[i] = (float) (s + 0.1 * r.nextGaussian());
    }
    return new ArrayData(x, new int[0], t, new long[] {d}, 0);
  }
}
