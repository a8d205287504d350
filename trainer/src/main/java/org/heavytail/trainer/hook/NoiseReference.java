package org.heavytail.trainer.hook;

import java.util.Locale;

/**
 * The reference gradient g(θ) that the noise probe subtracts from each minibatch gradient.
 *
 * @param kind which reference
 * @param size examples in the reference subset (only for {@link Kind#SUBSET})
 */
public record NoiseReference(Kind kind, int size) {

  /** Reference kinds. */
  public enum Kind {
    /** The full-data gradient g(θ) = (1/n) Σ_i ∇ℓ_i(θ), the definition (SCIENCE.md §1). */
    FULL,
    /** The gradient on a seeded random subset of {@code size} examples (an approximation). */
    SUBSET,
    /**
     * The mean of the probe's own minibatch gradients, as in the scripts of Şimşekli, Sagun and
     * Gürbüzbalaban (2019) ("minus their mean"); costs no extra gradient.
     */
    PROBE_MEAN
  }

  /** The full-data gradient. */
  public static NoiseReference full() {
    return new NoiseReference(Kind.FULL, 0);
  }

  /** A seeded subset of {@code size} examples. */
  public static NoiseReference subset(int size) {
    Require.atLeast("noise reference subset size", size, 1);
    return new NoiseReference(Kind.SUBSET, size);
  }

  /** The mean of the probe minibatch gradients. */
  public static NoiseReference probeMean() {
    return new NoiseReference(Kind.PROBE_MEAN, 0);
  }

  /**
   * Parses {@code full}, {@code probe-mean} or a subset size such as {@code 10000}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static NoiseReference parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("full")) {
      return full();
    }
    if (t.equals("probe-mean") || t.equals("mean")) {
      return probeMean();
    }
    try {
      return subset(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--noise-reference '" + text
          + "' is not 'full', 'probe-mean' or a subset size (e.g. 10000)");
    }
  }

  /** Label for CSV and JSON: {@code full}, {@code subset-10000}, {@code probe-mean}. */
  public String label() {
    switch (kind) {
      case FULL:
        return "full";
      case SUBSET:
        return "subset-" + size;
      default:
        return "probe-mean";
    }
  }
}
