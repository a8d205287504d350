package org.heavytail.trainer.optim.schedule;

/**
 * Linear warm-up (Goyal et al. 2017): η_k = lr · (k + 1) / W for k &lt; W, then {@code after}
 * evaluated at k − W.
 *
 * @param lr the rate reached at the end of warm-up, finite and &gt;= 0
 * @param warmup W, the number of warm-up steps, &gt;= 1
 * @param after the schedule that follows, started at its step 0
 */
public record LinearWarmup(double lr, long warmup, LearningRateSchedule after)
    implements LearningRateSchedule {

  /** Validates the arguments. */
  public LinearWarmup {
    Checks.rate("lr", lr);
    if (warmup < 1) {
      throw new IllegalArgumentException(
          "optimizer option 'warmup' = " + warmup + ": expected a step count >= 1");
    }
    if (after == null) {
      throw new IllegalArgumentException("the schedule after warm-up is null");
    }
  }

  @Override
  public double learningRate(long step) {
    return step < warmup ? lr * (step + 1) / warmup : after.learningRate(step - warmup);
  }
}
