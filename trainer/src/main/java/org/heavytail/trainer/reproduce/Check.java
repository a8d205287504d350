package org.heavytail.trainer.reproduce;

/**
 * One verifiable part of a published claim and whether our measurement satisfies it.
 *
 * @param claim what the paper says, in one sentence
 * @param measured what we measured, with the numbers
 * @param passed whether the measurement satisfies the claim
 */
public record Check(String claim, String measured, boolean passed) {

  /** A check. */
  public static Check of(String claim, String measured, boolean passed) {
    return new Check(claim, measured, passed);
  }
}
