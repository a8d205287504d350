package org.heavytail.trainer.loop;

import java.util.Map;

/**
 * Gradients of the mean loss over chosen training examples at the model's current weights. Calls
 * never change the weights, the optimizer state or the sampler's random stream.
 */
public interface GradientOracle {

  /** Number of examples in the training set that indices refer to. */
  int trainingSetSize();

  /**
   * The gradient (1/|I|) Σ_{i∈I} ∇ℓ_i(θ) per parameter name, as flat float arrays in the
   * parameter's row-major order.
   */
  Map<String, float[]> gradient(int[] exampleIndices);
}
