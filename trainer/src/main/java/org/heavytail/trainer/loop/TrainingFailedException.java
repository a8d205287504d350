package org.heavytail.trainer.loop;

/**
 * Training stopped because the loss or a gradient was not finite (NaN or ±Inf) at {@link
 * #step()}; the weights were not updated at that step and the last good checkpoint is kept.
 */
public final class TrainingFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  /** A failure at {@code step} with a one-line message. */
  public TrainingFailedException(long step, String message) {
    super(message);
    this.step = step;
  }

  /** The step at which training stopped. */
  public long step() {
    return step;
  }
}
