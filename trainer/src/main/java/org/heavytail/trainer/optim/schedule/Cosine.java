package org.heavytail.trainer.optim.schedule;

/**
 * Cosine annealing η_k = m + (lr − m) · ½ (1 + cos(π · min(k, T) / T)), constant m after step T
 * (Loshchilov &amp; Hutter 2017, SGDR, eq. 5, a single cycle without restarts).
 *
 * @param lr the initial rate, finite and &gt;= 0
 * @param total T, the step at which the rate reaches m, &gt;= 1
 * @param lrMin m, the final rate, in [0, lr]
 */
public record Cosine(double lr, long total, double lrMin) implements LearningRateSchedule {

  /** Validates the arguments. */
  public Cosine {
    Checks.rate("lr", lr);
    if (total < 1) {
      throw new IllegalArgumentException(
          "optimizer option 'total' = " + total + ": expected a step count >= 1");
    }
    if (!(lrMin >= 0 && lrMin <= lr)) {
      throw new IllegalArgumentException(
          "optimizer option 'lr-min' = " + lrMin + ": expected a rate in [0, lr = " + lr + "]");
    }
  }

  @Override
  public double learningRate(long step) {
    double progress = Math.min(Math.max(step, 0), total) / (double) total;
    return lrMin + (lr - lrMin) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
