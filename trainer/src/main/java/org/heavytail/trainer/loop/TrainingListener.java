package org.heavytail.trainer.loop;

/**
 * A hook on the training loop, modelled on DJL's {@code TrainingListener}: every method has a
 * no-op default, so a listener overrides only what it needs.
 *
 * <p>Contract: the loop calls {@link #onStep} after the gradient of the minibatch loss has been
 * computed and the optimizer has applied its update. Every {@code NDArray} reached through the
 * {@link StepContext} is lent for the duration of the call only: a listener copies what it keeps
 * (to a Java array or a store) and never holds the arrays past the call.
 */
public interface TrainingListener {

  /**
   * Whether this listener reads {@link StepContext#update}. The loop keeps a copy of θ_k for Δθ
   * only when some listener says so, so listeners that do not need updates cost nothing extra.
   */
  default boolean needsUpdates() {
    return false;
  }

  /** Called once before the first step (also on resume, with the step the run resumes at). */
  default void onTrainingBegin(RunInfo run) {}

  /** Called after every optimizer step. */
  default void onStep(StepContext step) {}

  /** Called after every epoch with its train/test summary. */
  default void onEpoch(EpochSummary epoch) {}

  /** Called once when training ends, normally or not; flush and close resources here. */
  default void onTrainingEnd(RunInfo run) {}
}
