package org.heavytail.tailstats.accumulate;

/**
 * Σ ln|x_i| over a range of values, computed as the logarithm of a product: running products
 * of the |x_i| are kept in double precision in 8 independent lanes, and every 6 factors each
 * lane's binary exponent is moved into a {@code long} and its mantissa reset into [1, 2). One
 * {@link Math#log} call per range remains.
 *
 * <p><b>Error.</b> Every factor is a float (or a sum of floats), so |x| ∈ [2⁻¹⁴⁹, 2¹³⁸] and six
 * factors times a mantissa below 2 stay inside the normal double range: the product of the n
 * mantissas carries at most n roundings of relative size u = 2⁻⁵³, so the returned sum has an
 * absolute error of at most about n·u + |Σ|·u (ln of a product with relative error n·u) — for the
 * mean (1/n)Σ ln|x| that is about 1.1·10⁻¹⁶ absolute, far below the per-element error 10⁻⁷ of a
 * float polynomial logarithm. Tested against a {@code Math.log} loop in {@code LogAbsSumTest}.
 *
 * <p><b>Speed.</b> The loop has no transcendental call and no data-dependent branch; on the
 * development machine (2-core AMD EPYC, JDK 17) it runs 10⁷ floats in about 3.7 ms on one core,
 * where a {@code Math.log} loop takes about 30 ms. C2 in JDK 17 does not vectorize the
 * float↔int bit moves that a bit-level polynomial logarithm needs, so this product form is the
 * faster exact path without the incubating Vector API.
 *
 * <p>A zero, NaN or infinite value makes the result NaN (its lane's exponent field reads 0 or
 * 0x7ff at the next renormalization); callers then scan the range for a precise message.
 */
public final class LogAbsSum {

  private static final long MANT = 0x000fffffffffffffL;
  private static final long ONE = 0x3ff0000000000000L;
  private static final double LN2 = 0.6931471805599453;

  private LogAbsSum() {}

  /** Σ ln|x[i]| for i in [off, off + len), or NaN if any value is 0, NaN or infinite. */
  public static double of(float[] x, int off, int len) {
    double p0 = 1, p1 = 1, p2 = 1, p3 = 1, p4 = 1, p5 = 1, p6 = 1, p7 = 1;
    long e = 0;
    long bad = 0;
    int i = off;
    final int end = off + len;
    for (; i + 48 <= end; i += 48) {
      for (int r = i; r < i + 48; r += 8) {
        p0 *= x[r];
        p1 *= x[r + 1];
        p2 *= x[r + 2];
        p3 *= x[r + 3];
        p4 *= x[r + 4];
        p5 *= x[r + 5];
        p6 *= x[r + 6];
        p7 *= x[r + 7];
      }
      long b0 = Double.doubleToRawLongBits(p0);
      long b1 = Double.doubleToRawLongBits(p1);
      long b2 = Double.doubleToRawLongBits(p2);
      long b3 = Double.doubleToRawLongBits(p3);
      long b4 = Double.doubleToRawLongBits(p4);
      long b5 = Double.doubleToRawLongBits(p5);
      long b6 = Double.doubleToRawLongBits(p6);
      long b7 = Double.doubleToRawLongBits(p7);
      long f0 = (b0 >>> 52) & 0x7ff;
      long f1 = (b1 >>> 52) & 0x7ff;
      long f2 = (b2 >>> 52) & 0x7ff;
      long f3 = (b3 >>> 52) & 0x7ff;
      long f4 = (b4 >>> 52) & 0x7ff;
      long f5 = (b5 >>> 52) & 0x7ff;
      long f6 = (b6 >>> 52) & 0x7ff;
      long f7 = (b7 >>> 52) & 0x7ff;
      bad |= (f0 - 1) | (0x7fe - f0) | (f1 - 1) | (0x7fe - f1) | (f2 - 1) | (0x7fe - f2)
          | (f3 - 1) | (0x7fe - f3) | (f4 - 1) | (0x7fe - f4) | (f5 - 1) | (0x7fe - f5)
          | (f6 - 1) | (0x7fe - f6) | (f7 - 1) | (0x7fe - f7);
      e += f0 + f1 + f2 + f3 + f4 + f5 + f6 + f7 - 8 * 1023;
      p0 = Double.longBitsToDouble(b0 & MANT | ONE);
      p1 = Double.longBitsToDouble(b1 & MANT | ONE);
      p2 = Double.longBitsToDouble(b2 & MANT | ONE);
      p3 = Double.longBitsToDouble(b3 & MANT | ONE);
      p4 = Double.longBitsToDouble(b4 & MANT | ONE);
      p5 = Double.longBitsToDouble(b5 & MANT | ONE);
      p6 = Double.longBitsToDouble(b6 & MANT | ONE);
      p7 = Double.longBitsToDouble(b7 & MANT | ONE);
    }
    double p = ((p0 * p1) * (p2 * p3)) * ((p4 * p5) * (p6 * p7));
    for (; i < end; i++) {
      p *= x[i];
      long b = Double.doubleToRawLongBits(p);
      long f = (b >>> 52) & 0x7ff;
      bad |= (f - 1) | (0x7fe - f);
      e += f - 1023;
      p = Double.longBitsToDouble(b & MANT | ONE);
    }
    return bad < 0 ? Double.NaN : e * LN2 + Math.log(p);
  }

  /**
   * Σ ln|y[i]| for i in [off, off + len), or NaN if any value is 0, NaN or infinite. The values
   * must lie in [2⁻¹⁴⁹, 2¹⁴⁰] in magnitude (sums of at most 2¹² floats do).
   */
  public static double of(double[] y, int off, int len) {
    double p0 = 1, p1 = 1, p2 = 1, p3 = 1;
    long e = 0;
    long bad = 0;
    int i = off;
    final int end = off + len;
    for (; i + 24 <= end; i += 24) {
      for (int r = i; r < i + 24; r += 4) {
        p0 *= y[r];
        p1 *= y[r + 1];
        p2 *= y[r + 2];
        p3 *= y[r + 3];
      }
      long b0 = Double.doubleToRawLongBits(p0);
      long b1 = Double.doubleToRawLongBits(p1);
      long b2 = Double.doubleToRawLongBits(p2);
      long b3 = Double.doubleToRawLongBits(p3);
      long f0 = (b0 >>> 52) & 0x7ff;
      long f1 = (b1 >>> 52) & 0x7ff;
      long f2 = (b2 >>> 52) & 0x7ff;
      long f3 = (b3 >>> 52) & 0x7ff;
      bad |= (f0 - 1) | (0x7fe - f0) | (f1 - 1) | (0x7fe - f1) | (f2 - 1) | (0x7fe - f2)
          | (f3 - 1) | (0x7fe - f3);
      e += f0 + f1 + f2 + f3 - 4 * 1023;
      p0 = Double.longBitsToDouble(b0 & MANT | ONE);
      p1 = Double.longBitsToDouble(b1 & MANT | ONE);
      p2 = Double.longBitsToDouble(b2 & MANT | ONE);
      p3 = Double.longBitsToDouble(b3 & MANT | ONE);
    }
    double p = (p0 * p1) * (p2 * p3);
    for (; i < end; i++) {
      p *= y[i];
      long b = Double.doubleToRawLongBits(p);
      long f = (b >>> 52) & 0x7ff;
      bad |= (f - 1) | (0x7fe - f);
      e += f - 1023;
      p = Double.longBitsToDouble(b & MANT | ONE);
    }
    return bad < 0 ? Double.NaN : e * LN2 + Math.log(p);
  }
}
