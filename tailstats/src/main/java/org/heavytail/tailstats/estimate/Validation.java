package org.heavytail.tailstats.estimate;

/**
 * Checks made at every estimator's door. Each failure is an {@link IllegalArgumentException}
 * whose message names the estimator, the count found and the count needed.
 */
public final class Validation {

  private Validation() {}

  /** Refuses fewer than {@code needed} samples. */
  public static void requireCount(String estimator, long found, long needed) {
    if (found < needed) {
      throw new IllegalArgumentException(estimator + ": too few samples: found " + found
          + ", needed at least " + needed);
    }
  }

  /** Refuses NaN and infinite values, reporting how many there are. */
  public static void requireFinite(String estimator, float[] x) {
    long bad = 0;
    for (float v : x) {
      if (!Float.isFinite(v)) {
        bad++;
      }
    }
    if (bad > 0) {
      throw new IllegalArgumentException(estimator + ": found " + bad + " NaN/Inf values among "
          + x.length + " samples; needed 0 (all values finite)");
    }
  }

  /** Refuses a sample whose values are all equal (no spread, no tail). */
  public static void requireNotAllEqual(String estimator, float[] x) {
    for (int i = 1; i < x.length; i++) {
      if (x[i] != x[0]) {
        return;
      }
    }
    throw new IllegalArgumentException(estimator + ": all " + x.length + " samples equal "
        + (x.length == 0 ? "(empty)" : x[0]) + "; found 1 distinct value, needed at least 2");
  }

  /** The three checks in order: count, finiteness, spread. */
  public static void requireUsable(String estimator, float[] x, long needed) {
    requireCount(estimator, x.length, needed);
    requireFinite(estimator, x);
    requireNotAllEqual(estimator, x);
  }
}
