package org.heavytail.tailstats.estimate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pure preprocessing functions that the pitfalls of SCIENCE.md §2 call for. Each returns a new
 * array and leaves its input untouched.
 *
 * <ul>
 *   <li>Coordinates on different scales (one scale per layer) pooled into one sample look
 *       heavy-tailed even when each layer is Gaussian: {@link #standardizeByGroup} divides each
 *       group by its own scale first.
 *   <li>Correlated neighbours (AR(1) along the flattened vector) make block sums too large and
 *       the block-sum α̂ too small: {@link #permute} shuffles with a seed before blocking.
 *   <li>ln|x| is undefined at 0: {@link #removeZeros} drops exact zeros and counts them.
 * </ul>
 */
public final class Preprocess {

  /** How a group is centred and scaled. */
  public enum Standardization {
    /** (x − mean) / standard deviation: natural for finite variance. */
    MEAN_STD,
    /**
     * (x − median) / MAD, MAD = median |x − median|: consistent for every α (the sample standard
     * deviation is not when α &lt; 2). An element equal to the median becomes exactly 0, so
     * {@link #removeZeros} should follow.
     */
    MEDIAN_MAD,
    /** x / median |x|: scale only, no centring (for noise that is centred by construction). */
    SCALE_MEDIAN_ABS
  }

  /** The values left after {@link #removeZeros} and how many zeros were removed. */
  public record ZeroRemoval(float[] values, long removed) {}

  /** The output of {@link #forTailIndex}: standardized, zero-free, permuted values. */
  public record Prepared(float[] values, int groups, long zerosRemoved, long seed) {}

  private Preprocess() {}

  /** Drops exact zeros (both signs), keeping order, and counts them. */
  public static ZeroRemoval removeZeros(float[] x) {
    float[] out = new float[x.length];
    int n = 0;
    for (float v : x) {
      if (v != 0f) {
        out[n++] = v;
      }
    }
    return new ZeroRemoval(Arrays.copyOf(out, n), x.length - n);
  }

  /** A uniformly random permutation of {@code x} (Fisher–Yates with a seeded SplittableRandom). */
  public static float[] permute(float[] x, long seed) {
    float[] out = x.clone();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = out.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** Standardizes all of {@code x} as one group. */
  public static float[] standardize(float[] x, Standardization how) {
    return standardizeByGroup(x, new int[x.length], how);
  }

  /**
   * Standardizes each group separately; {@code group[i]} is the group label of {@code x[i]}
   * (e.g. the layer index). Labels need not be contiguous or sorted.
   *
   * @throws IllegalArgumentException when lengths differ, or a group has a zero scale
   */
  public static float[] standardizeByGroup(float[] x, int[] group, Standardization how) {
    if (group.length != x.length) {
      throw new IllegalArgumentException("standardize: " + group.length + " group labels for "
          + x.length + " values; expected one label per value");
    }
    int[] order = sortedIndexByGroup(group);
    float[] out = new float[x.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      int label = group[order[start]];
      while (end < order.length && group[order[end]] == label) {
        end++;
      }
      double[] v = new double[end - start];
      for (int i = start; i < end; i++) {
        v[i - start] = x[order[i]];
      }
      double[] cs = centreScale(v, how);
      if (!(cs[1] > 0) || !Double.isFinite(cs[1])) {
        throw new IllegalArgumentException("standardize: group " + label + " (" + v.length
            + " values) has scale " + cs[1] + " under " + how + "; expected a positive scale");
      }
      for (int i = start; i < end; i++) {
        out[order[i]] = (float) ((x[order[i]] - cs[0]) / cs[1]);
      }
      start = end;
    }
    return out;
  }

  /**
   * Standardizes contiguous segments (e.g. the layers of a flattened gradient) of the given
   * lengths, which must add up to {@code x.length}.
   */
  public static float[] standardizeSegments(float[] x, int[] segmentLengths, Standardization how) {
    int[] group = new int[x.length];
    int pos = 0;
    for (int s = 0; s < segmentLengths.length; s++) {
      if (segmentLengths[s] < 0 || pos + segmentLengths[s] > x.length) {
        throw new IllegalArgumentException("standardize: segment lengths "
            + Arrays.toString(segmentLengths) + " exceed " + x.length + " values");
      }
      Arrays.fill(group, pos, pos + segmentLengths[s], s);
      pos += segmentLengths[s];
    }
    if (pos != x.length) {
      throw new IllegalArgumentException("standardize: segment lengths add up to " + pos
          + "; expected " + x.length);
    }
    return standardizeByGroup(x, group, how);
  }

  /**
   * The pipeline before a block-sum estimate: per-group {@link Standardization#MEDIAN_MAD},
   * removal of exact zeros, seeded permutation.
   */
  public static Prepared forTailIndex(float[] x, int[] group, long seed) {
    float[] s = standardizeByGroup(x, group, Standardization.MEDIAN_MAD);
    ZeroRemoval z = removeZeros(s);
    int groups = (int) Arrays.stream(group).distinct().count();
    return new Prepared(permute(z.values(), seed), groups, z.removed(), seed);
  }

  private static double[] centreScale(double[] v, Standardization how) {
    switch (how) {
      case MEAN_STD: {
        double mean = 0;
        for (double d : v) {
          mean += d;
        }
        mean /= v.length;
        double ss = 0;
        for (double d : v) {
          ss += (d - mean) * (d - mean);
        }
        return new double[] {mean, Math.sqrt(ss / Math.max(1, v.length - 1))};
      }
      case MEDIAN_MAD: {
        double med = Stats.median(v);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          dev[i] = Math.abs(v[i] - med);
        }
        return new double[] {med, Stats.median(dev)};
      }
      case SCALE_MEDIAN_ABS: {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = Math.abs(v[i]);
        }
        return new double[] {0, Stats.median(a)};
      }
      default:
        throw new AssertionError(how);
    }
  }

  private static int[] sortedIndexByGroup(int[] group) {
    boolean sorted = true;
    for (int i = 1; i < group.length; i++) {
      if (group[i] < group[i - 1]) {
        sorted = false;
        break;
      }
    }
    int[] idx = new int[group.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    if (sorted) {
      return idx;
    }
    // stable counting-free sort by label: pack (label, index) into longs
    long[] keys = new long[group.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ((long) group[i] << 32) | i;
    }
    Arrays.sort(keys);
    for (int i = 0; i < keys.length; i++) {
      idx[i] = (int) keys[i];
    }
    return idx;
  }
}
