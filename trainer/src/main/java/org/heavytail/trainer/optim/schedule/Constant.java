package org.heavytail.trainer.optim.schedule;

/**
 * The constant schedule η_k = lr.
 *
 * @param lr the learning rate, finite and &gt;= 0
 */
public record Constant(double lr) implements LearningRateSchedule {

  /** Validates the rate. */
  public Constant {
    Checks.rate("lr", lr);
  }

  @Override
  public double learningRate(long step) {
    return lr;
  }
}
