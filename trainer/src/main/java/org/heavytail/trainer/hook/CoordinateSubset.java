package org.heavytail.trainer.hook;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed seeded set of coordinates of a layer, kept at every step so that a subsampled series
 * follows the same coordinates through training (and across resumes: the set depends only on the
 * seed, the layer name and the layer size).
 *
 * <p>Draw: Floyd's algorithm (Bentley and Floyd 1987, "Programming pearls: a sample of
 * brilliance") gives {@code k} distinct indices uniformly from {@code [0, n)} in O(k) draws of a
 * {@link SplittableRandom} seeded by {@code seed} mixed with the layer name; the result is sorted.
 */
public final class CoordinateSubset {

  private CoordinateSubset() {}

  /**
   * {@code k} sorted distinct coordinates of {@code [0, n)}, or {@code null} (all coordinates)
   * when {@code k ≥ n}.
   */
  public static long[] draw(String layer, long n, int k, long seed) {
    Require.atLeast("coordinates per layer", k, 1);
    if (k >= n) {
      return null;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + layer.hashCode());
    java.util.HashSet<Long> chosen = new java.util.HashSet<>(k * 2);
    for (long j = n - k; j < n; j++) {
      long t = rnd.nextLong(j + 1);
      if (!chosen.add(t)) {
        chosen.add(j);
      }
    }
    long[] out = chosen.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
