package org.heavytail.trainer.loop;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What one optimizer step lends to a {@link TrainingListener}: the step's identity, the
 * minibatch, its loss, and per parameter the gradient before the update, the weight after it and
 * the update Δθ = θ_{k+1} − θ_k that the optimizer actually applied (SCIENCE.md §1).
 *
 * <p>Arrays are valid only during the listener call.
 */
public interface StepContext {

  /** Global step index, 0-based, counted across epochs and resumes. */
  long step();

  /** Epoch index, 0-based. */
  int epoch();

  /** Indices into the training set of the examples in this minibatch, in batch order. */
  int[] batchIndices();

  /** Mean loss of the minibatch at θ_k (before the update). */
  float loss();

  /** Parameter names in a fixed order (the model's parameter order), e.g. {@code 01Linear_weight}. */
  List<String> parameterNames();

  /** The minibatch gradient g_B(θ_k) of parameter {@code name}, before the update. */
  NDArray gradient(String name);

  /** The weight θ_{k+1} of parameter {@code name}, after the update. */
  NDArray weight(String name);

  /** The update Δθ_k = θ_{k+1} − θ_k of parameter {@code name}. */
  NDArray update(String name);

  /**
   * Computes gradients at the current weights θ_{k+1} on chosen training examples, without
   * changing the weights or the optimizer state (for the gradient-noise probe).
   */
  GradientOracle gradientOracle();
}
