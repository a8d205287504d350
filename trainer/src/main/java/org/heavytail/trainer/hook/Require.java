package org.heavytail.trainer.hook;

/**
 * Argument checks of the hooks and their builders: each failure names the flag or field and what
 * was expected, in one form: {@code "--every must be >= 1, got 0"}.
 */
final class Require {
  private Require() {}

  /**
   * {@code value}, when it is at least {@code min}.
   *
   * @throws IllegalArgumentException naming {@code what}, the bound and the value otherwise
   */
  static int atLeast(String what, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
    }
    return value;
  }

  /** As {@link #atLeast(String, int, int)}, for long values. */
  static long atLeast(String what, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
    }
    return value;
  }
}
