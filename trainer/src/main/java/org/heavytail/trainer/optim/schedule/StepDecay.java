package org.heavytail.trainer.optim.schedule;

/**
 * Step decay η_k = lr · γ^⌊k / S⌋ (PyTorch's {@code StepLR}).
 *
 * @param lr the initial rate, finite and &gt;= 0
 * @param stepSize S, steps between decays, &gt;= 1
 * @param gamma γ, the factor applied every S steps, in (0, 1]
 */
public record StepDecay(double lr, long stepSize, double gamma) implements LearningRateSchedule {

  /** Validates the arguments. */
  public StepDecay {
    Checks.rate("lr", lr);
    if (stepSize < 1) {
      throw new IllegalArgumentException(
          "optimizer option 'step-size' = " + stepSize + ": expected a step count >= 1");
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException(
          "optimizer option 'gamma' = " + gamma + ": expected a factor in (0, 1]");
    }
  }

  @Override
  public double learningRate(long step) {
    return lr * Math.pow(gamma, Math.floorDiv(step, stepSize));
  }
}
