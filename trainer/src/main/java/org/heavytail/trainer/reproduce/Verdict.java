package org.heavytail.trainer.reproduce;

/** Whether a measurement agrees with the published claim. */
public enum Verdict {
  /** Every checked part of the claim holds. */
  AGREE,
  /** Some checked parts hold and some do not. */
  PARTLY,
  /** No checked part holds. */
  DISAGREE;

  /** AGREE when all {@code passed} of {@code checks} hold, DISAGREE when none, else PARTLY. */
  public static Verdict of(int passed, int checks) {
    if (checks < 1 || passed < 0 || passed > checks) {
      throw new IllegalArgumentException(
          "verdict: expected 0 <= passed <= checks and checks >= 1, got " + passed + "/" + checks);
    }
    return passed == checks ? AGREE : passed == 0 ? DISAGREE : PARTLY;
  }

  /** Lower-case word for reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
