package org.heavytail.tailstats.estimate;

/**
 * Sample quantiles in O(n) expected time by multi-target quickselect (Hoare's FIND with a
 * three-way partition, so ties cost nothing), on a copy of the data: no full sort.
 *
 * <p>Quantiles use linear interpolation between order statistics (type 7 of Hyndman and Fan
 * 1996, the default of R and NumPy): with h = (n − 1)p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ −
 * x₍⌊h⌋₎), order statistics counted from 0.
 */
final class Selection {

  private static final int INSERTION = 24;

  private Selection() {}

  /**
   * Type-7 quantiles of {@code x} at the increasing probabilities {@code p}; x is not modified.
   * The floats are widened exactly to a double working copy, so the result equals that of the
   * double variant on the same values.
   */
  static double[] quantiles(float[] x, double[] p) {
    double[] a = new double[x.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = x[i];
    }
    return quantilesInPlace(a, p);
  }

  /** Type-7 quantiles of {@code x} at the increasing probabilities {@code p}; x is not modified. */
  static double[] quantiles(double[] x, double[] p) {
    return quantilesInPlace(x.clone(), p);
  }

  /** Type-7 quantiles of {@code a}, which is rearranged. */
  private static double[] quantilesInPlace(double[] a, double[] p) {
    int n = a.length;
    int[] ks = new int[2 * p.length];
    for (int i = 0; i < p.length; i++) {
      int lo = (int) Math.floor((n - 1) * p[i]);
      ks[2 * i] = lo;
      ks[2 * i + 1] = Math.min(lo + 1, n - 1);
    }
    select(a, 0, n - 1, ks, 0, ks.length - 1);
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double h = (n - 1) * p[i];
      int lo = ks[2 * i];
      q[i] = a[lo] + (h - lo) * (a[ks[2 * i + 1]] - a[lo]);
    }
    return q;
  }

  /**
   * Rearranges a[lo..hi] so that a[k] holds the k-th smallest for every k in ks[kLo..kHi]
   * (sorted, possibly repeated).
   */
  private static void select(double[] a, int lo, int hi, int[] ks, int kLo, int kHi) {
    while (kLo <= kHi && hi > lo) {
      if (hi - lo < INSERTION) {
        for (int i = lo + 1; i <= hi; i++) {
          double v = a[i];
          int j = i - 1;
          while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
        return;
      }
      int mid = (lo + hi) >>> 1;
      double pivot = median3(a[lo], a[mid], a[hi]);
      // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        double v = a[i];
        if (v < pivot) {
          a[i++] = a[lt];
          a[lt++] = v;
        } else if (v > pivot) {
          a[i] = a[gt];
          a[gt--] = v;
        } else {
          i++;
        }
      }
      // split the targets
      int leftEnd = kLo;
      while (leftEnd <= kHi && ks[leftEnd] < lt) {
        leftEnd++;
      }
      int rightStart = leftEnd;
      while (rightStart <= kHi && ks[rightStart] <= gt) {
        rightStart++;
      }
      // recurse on the smaller target set, loop on the other
      if (leftEnd - kLo <= kHi - rightStart + 1) {
        if (leftEnd > kLo) {
          select(a, lo, lt - 1, ks, kLo, leftEnd - 1);
        }
        lo = gt + 1;
        kLo = rightStart;
      } else {
        if (rightStart <= kHi) {
          select(a, gt + 1, hi, ks, rightStart, kHi);
        }
        hi = lt - 1;
        kHi = leftEnd - 1;
      }
    }
  }

  private static double median3(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
