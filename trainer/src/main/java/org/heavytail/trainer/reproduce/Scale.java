package org.heavytail.trainer.reproduce;

import java.util.Locale;

/**
 * How large a reproduction runs: {@code TEST} for unit tests (seconds), {@code QUICK} for CI
 * ({@code --quick}, a few minutes on 2 cores), {@code FULL} for the numbers in REPRODUCTIONS.md.
 */
public enum Scale {
  /** Smallest honest scale, used by unit tests. */
  TEST,
  /** The {@code --quick} scale. */
  QUICK,
  /** The default scale of {@code heavytail reproduce}. */
  FULL;

  /** Lower-case name as shown in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
