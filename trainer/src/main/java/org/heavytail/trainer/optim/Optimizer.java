package org.heavytail.trainer.optim;

/**
 * An optimizer, modelled on DJL's {@code Optimizer}: it updates the weights in place from their
 * gradients, one step at a time, and its whole state (moments, step count, random stream) can be
 * saved and restored exactly so that a resumed run continues bit for bit.
 *
 * <p>Implementations are built by builders ({@code Sgd.builder().setLearningRate(0.1)
 * .optMomentum(0.9).build()}) and found by name through {@link OptimizerFactory}.
 */
public interface Optimizer {

  /** The name it is found by, e.g. {@code sgd}, {@code adam}. */
  String name();

  /**
   * Applies one update θ ← θ + Δθ in place to every parameter of {@code step}. The update formula
   * is documented by each implementation.
   */
  void update(UpdateContext step);

  /** A snapshot of the state, enough for {@link #loadState} to continue exactly. */
  OptimizerState saveState();

  /** Restores a state saved by {@link #saveState} of an optimizer of the same name and options. */
  void loadState(OptimizerState state);
}
