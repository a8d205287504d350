package org.heavytail.trainer.reproduce;

import java.util.Locale;

/**
 * How large a reproduction runs: {@code QUICK} ({@code --quick}, under two minutes each on 2
 * idle cores; the unit tests assert every trend at this scale) or {@code FULL} (the numbers in
 * REPRODUCTIONS.md).
 */
public enum Scale {
  /** The {@code --quick} scale. */
  QUICK,
  /** The default scale of {@code heavytail reproduce}. */
  FULL;

  /** Lower-case name as shown in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
