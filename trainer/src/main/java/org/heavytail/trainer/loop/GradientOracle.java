package org.heavytail.trainer.loop;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

  /**
   * The gradients of several example sets, in order, each handed to {@code consumer} as {@link
   * #gradient} would return it (fresh arrays the consumer may keep). The same values as calling
   * {@code gradient} once per set; an implementation may share its set-up across the sets (the
   * training loop's oracle saves and restores the gradients it lent to listeners once, not once
   * per set). The default calls {@code gradient} per set.
   */
  default void gradients(List<int[]> exampleSets, Consumer<Map<String, float[]>> consumer) {
    for (int[] set : exampleSets) {
      consumer.accept(gradient(set));
    }
  }
}
