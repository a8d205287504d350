package org.heavytail.trainer.optim;

import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number
 * generators", OOPSLA): a 64-bit counter advanced by the golden-ratio increment and passed
 * through a bijective mix. Its whole state is one {@code long}, readable and settable, so an
 * optimizer can save its random stream in a checkpoint and resume it exactly (which {@link
 * java.util.SplittableRandom}, same algorithm, does not allow).
 */
final class SplitMix64 implements RandomGenerator {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long state() {
    return state;
  }

  void setState(long state) {
    this.state = state;
  }

  @Override
  public long nextLong() {
    long z = (state += GAMMA);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in the open interval (0, 1): (k + ½) 2⁻⁵³ with k uniform on 53 bits. */
  double nextOpen() {
    return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
  }
}
