package org.heavytail.trainer.model;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Weight initialisation schemes, each multiplied by a scale factor {@code s}; fan_in and fan_out
 * of a weight of shape (out, in, k...) are in·Πk and out·Πk.
 *
 * <ul>
 *   <li>{@link #TORCH}: PyTorch's default for {@code nn.Linear}/{@code nn.Conv2d}
 *       (kaiming_uniform with a = √5): weights and biases U(−s/√fan_in, s/√fan_in).
 *   <li>{@link #HE}: He et al. 2015, weights N(0, s²·2/fan_in), biases 0.
 *   <li>{@link #XAVIER}: Glorot &amp; Bengio 2010, weights U(−s·√(6/(fan_in+fan_out)), ·), biases 0.
 *   <li>{@link #LECUN}: weights N(0, s²/fan_in), biases 0 (variance-preserving for linear nets).
 * </ul>
 *
 * Batch-norm scales start at 1, shifts at 0, running means at 0 and running variances at 1.
 */
public enum InitScheme {
  TORCH,
  HE,
  XAVIER,
  LECUN;

  /** Draws one weight. */
  float weight(RandomGenerator rng, long fanIn, long fanOut, double scale) {
    switch (this) {
      case TORCH:
        return (float) (scale * (2 * rng.nextDouble() - 1) / Math.sqrt(fanIn));
      case HE:
        return (float) (scale * rng.nextGaussian() * Math.sqrt(2.0 / fanIn));
      case XAVIER:
        return (float) (scale * (2 * rng.nextDouble() - 1) * Math.sqrt(6.0 / (fanIn + fanOut)));
      default:
        return (float) (scale * rng.nextGaussian() / Math.sqrt(fanIn));
    }
  }

  /** Draws one bias given the fan-in of its layer's weight. */
  float bias(RandomGenerator rng, long fanIn, double scale) {
    return this == TORCH ? (float) (scale * (2 * rng.nextDouble() - 1) / Math.sqrt(fanIn)) : 0f;
  }

  /** Lower-case name used in model specs. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code torch}, {@code he}, {@code xavier} or {@code lecun}.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static InitScheme fromName(String name) {
    for (InitScheme s : values()) {
      if (s.specName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown init scheme '" + name + "': expected torch, he, xavier or lecun");
  }
}
