package org.heavytail.trainer.optim.schedule;

import java.util.Locale;
import org.heavytail.trainer.optim.OptimizerOptions;

/**
 * A learning-rate schedule: the step size η_k used at global step k (0-based, {@link
 * org.heavytail.trainer.optim.UpdateContext#step()}). Every built-in optimizer evaluates its
 * schedule once per update, so a resumed run (same step index) gets the same rate.
 *
 * <p>From options ({@link #fromOptions}):
 *
 * <ul>
 *   <li>{@code schedule=constant} (default): η_k = lr.
 *   <li>{@code schedule=step step-size=S gamma=G}: η_k = lr · G^⌊k/S⌋ ({@link StepDecay}).
 *   <li>{@code schedule=cosine total=T lr-min=m}: η_k = m + (lr − m)·½(1 + cos(π·min(k, T)/T))
 *       ({@link Cosine}; Loshchilov &amp; Hutter 2017, SGDR, without restarts).
 *   <li>{@code warmup=W} with any of the above: linear warm-up η_k = lr·(k + 1)/W for k &lt; W,
 *       then the schedule above evaluated at k − W, with its {@code total} counted over the
 *       steps after warm-up ({@link LinearWarmup}, as Goyal et al. 2017).
 * </ul>
 *
 * For example {@code lr=0.1 schedule=cosine total=1000 warmup=100} rises linearly over steps
 * 0..99 to 0.1 and then decays along a cosine to 0 at step 1000.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The learning rate at global step {@code step} (0-based). */
  double learningRate(long step);

  /** η_k = lr for every k. */
  static LearningRateSchedule constant(double lr) {
    return new Constant(lr);
  }

  /**
   * Reads {@code schedule}, {@code total}, {@code warmup}, {@code step-size}, {@code gamma} and
   * {@code lr-min} (see the class comment) around the base rate {@code lr}.
   *
   * @throws IllegalArgumentException naming the option, its value and what was expected
   */
  static LearningRateSchedule fromOptions(double lr, OptimizerOptions options) {
    String kind = options.getString("schedule", "constant").trim().toLowerCase(Locale.ROOT);
    long warmup = options.getLong("warmup", 0);
    if (warmup < 0) {
      throw new IllegalArgumentException(
          "optimizer option 'warmup' = " + warmup + ": expected a step count >= 0");
    }
    LearningRateSchedule inner;
    switch (kind) {
      case "constant":
        inner = new Constant(lr);
        break;
      case "step":
        if (!options.has("step-size")) {
          throw new IllegalArgumentException(
              "optimizer option 'schedule' = 'step' needs 'step-size' (steps between decays)");
        }
        inner = new StepDecay(lr, options.getLong("step-size", 1), options.getDouble("gamma", 0.1));
        break;
      case "cosine":
        if (!options.has("total")) {
          throw new IllegalArgumentException(
              "optimizer option 'schedule' = 'cosine' needs 'total' (the last step of the decay)");
        }
        long total = options.getLong("total", 1) - warmup;
        if (total <= 0) {
          throw new IllegalArgumentException(
              "optimizer option 'total' = "
                  + options.getLong("total", 1)
                  + ": expected more steps than 'warmup' = "
                  + warmup);
        }
        inner = new Cosine(lr, total, options.getDouble("lr-min", 0.0));
        break;
      default:
        throw new IllegalArgumentException(
            "optimizer option 'schedule' = '"
                + kind
                + "': expected one of [constant, step, cosine]");
    }
    return warmup > 0 ? new LinearWarmup(lr, warmup, inner) : inner;
  }
}
