package org.heavytail.trainer.optim.schedule;

/** Argument checks shared by the schedules. */
final class Checks {
  private Checks() {}

  static void rate(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "optimizer option '" + key + "' = " + value + ": expected a finite rate >= 0");
    }
  }
}
