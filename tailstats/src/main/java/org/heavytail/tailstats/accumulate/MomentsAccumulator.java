package org.heavytail.tailstats.accumulate;

/**
 * Online count, mean, variance, skewness, kurtosis, minimum and maximum, mergeable.
 *
 * <p>Updates by Welford (1962) extended to the third and fourth central moments (Terriberry
 * 2007); {@link #combine} by the pairwise formulas of Chan, Golub &amp; LeVeque (1979) and Pébay
 * (2008). Combining partial accumulators equals one accumulator over the concatenation up to
 * floating-point re-association. NaN values propagate into the moments; not thread-safe.
 */
public final class MomentsAccumulator {

  private long n;
  private double mean;
  private double m2;
  private double m3;
  private double m4;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  private MomentsAccumulator() {}

  /** An empty accumulator. */
  public static MomentsAccumulator create() {
    return new MomentsAccumulator();
  }

  /** Adds one value. */
  public MomentsAccumulator accept(double x) {
    long n1 = n;
    n++;
    double delta = x - mean;
    double dn = delta / n;
    double dn2 = dn * dn;
    double term1 = delta * dn * n1;
    mean += dn;
    m4 += term1 * dn2 * ((double) n * n - 3.0 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
    m3 += term1 * dn * (n - 2) - 3 * dn * m2;
    m2 += term1;
    min = Math.min(min, x);
    max = Math.max(max, x);
    return this;
  }

  /** Adds {@code x[off, off + len)}. */
  public MomentsAccumulator accept(float[] x, int off, int len) {
    for (int i = off; i < off + len; i++) {
      accept(x[i]);
    }
    return this;
  }

  /** Adds all of {@code x}. */
  public MomentsAccumulator accept(float[] x) {
    return accept(x, 0, x.length);
  }

  /** Merges {@code o} into this accumulator and returns this. */
  public MomentsAccumulator combine(MomentsAccumulator o) {
    if (o.n == 0) {
      return this;
    }
    if (n == 0) {
      n = o.n;
      mean = o.mean;
      m2 = o.m2;
      m3 = o.m3;
      m4 = o.m4;
      min = o.min;
      max = o.max;
      return this;
    }
    double na = n;
    double nb = o.n;
    double nn = na + nb;
    double d = o.mean - mean;
    double d2 = d * d;
    double d3 = d2 * d;
    double d4 = d2 * d2;
    double newM4 = m4 + o.m4 + d4 * na * nb * (na * na - na * nb + nb * nb) / (nn * nn * nn)
        + 6 * d2 * (na * na * o.m2 + nb * nb * m2) / (nn * nn) + 4 * d * (na * o.m3 - nb * m3) / nn;
    double newM3 = m3 + o.m3 + d3 * na * nb * (na - nb) / (nn * nn) + 3 * d * (na * o.m2 - nb * m2)
        / nn;
    m2 = m2 + o.m2 + d2 * na * nb / nn;
    m3 = newM3;
    m4 = newM4;
    mean += d * nb / nn;
    n += o.n;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    return this;
  }

  /** Number of values. */
  public long count() {
    return n;
  }

  /** Arithmetic mean (NaN when empty). */
  public double mean() {
    return n == 0 ? Double.NaN : mean;
  }

  /** Unbiased sample variance Σ(x−x̄)²/(n−1) (NaN below 2 values). */
  public double variance() {
    return n < 2 ? Double.NaN : m2 / (n - 1);
  }

  /** Population skewness m₃/m₂^{3/2} with m_k = Σ(x−x̄)^k/n. */
  public double skewness() {
    return Math.sqrt(n) * m3 / Math.pow(m2, 1.5);
  }

  /** Population excess kurtosis n·M₄/M₂² − 3 (0 for a Gaussian). */
  public double excessKurtosis() {
    return n * m4 / (m2 * m2) - 3;
  }

  /** Smallest value (+∞ when empty). */
  public double min() {
    return min;
  }

  /** Largest value (−∞ when empty). */
  public double max() {
    return max;
  }
}
