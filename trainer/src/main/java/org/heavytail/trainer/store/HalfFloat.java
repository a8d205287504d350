package org.heavytail.trainer.store;

/**
 * IEEE 754 binary16 conversions for Java 17 (which lacks {@code Float.floatToFloat16}).
 *
 * <p>{@link #fromFloat} rounds to nearest, ties to even, as IEEE 754 §4.3.1 and NumPy's {@code
 * astype(np.float16)} do: overflow (|x| ≥ 65520) gives ±∞, |x| ≤ 2^-25 gives ±0, values in between
 * 2^-24 and 2^-14 become subnormals; NaN stays NaN (quiet). {@link #toFloat} is exact.
 */
public final class HalfFloat {

  private HalfFloat() {}

  /** The binary16 bit pattern nearest to {@code f} (ties to even). */
  public static short fromFloat(float f) {
    int x = Float.floatToRawIntBits(f);
    int sign = (x >>> 16) & 0x8000;
    int exp = (x >>> 23) & 0xff;
    int mant = x & 0x7fffff;
    if (exp == 0xff) {
      if (mant == 0) {
        return (short) (sign | 0x7c00);
      }
      int m = mant >>> 13;
      return (short) (sign | 0x7c00 | 0x200 | m);
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      // subnormal half: m = (1.mant) * 2^(exp-126) = (mant|implicit) >> (14 - e)
      int full = mant | 0x800000;
      int shift = 14 - e;
      int half = full >>> shift;
      int rem = full & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    // normal range, branch-free round to nearest even: rebias the exponent, add 0x0fff plus the
    // lowest kept bit, shift; a carry into the exponent (up to 0x7c00 = infinity) is correct
    int r = (x & 0x7fffffff) - (112 << 23);
    r += 0x0fff + ((r >>> 13) & 1);
    int half = r >>> 13;
    return (short) (sign | Math.min(half, 0x7c00));
  }

  /** The float value of binary16 bits {@code h} (exact). */
  public static float toFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int e = (bits >>> 10) & 0x1f;
    int m = bits & 0x3ff;
    if (e == 0) {
      float v = m * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    if (e == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (m << 13));
    }
    return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
  }
}
