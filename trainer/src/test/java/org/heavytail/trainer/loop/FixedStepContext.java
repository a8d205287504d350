package org.heavytail.trainer.loop;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link StepContext} over given arrays, for testing listeners without a training loop: epoch
 * 0, no batch indices, loss 0, parameters named by {@code gradients}' keys in iteration order;
 * {@code update} and {@code gradientOracle} are not available.
 *
 * @param step the step number
 * @param gradients gradient per parameter name
 * @param weights weights per parameter name (θ after the update)
 */
public record FixedStepContext(long step, Map<String, NDArray> gradients,
    Map<String, NDArray> weights) implements StepContext {

  /** A step with no parameters. */
  public static FixedStepContext empty(long step) {
    return new FixedStepContext(step, Map.of(), Map.of());
  }

  @Override
  public int epoch() {
    return 0;
  }

  @Override
  public int[] batchIndices() {
    return new int[0];
  }

  @Override
  public float loss() {
    return 0f;
  }

  @Override
  public List<String> parameterNames() {
    return new ArrayList<>(gradients.keySet());
  }

  @Override
  public NDArray gradient(String name) {
    return gradients.get(name);
  }

  @Override
  public NDArray weight(String name) {
    return weights.get(name);
  }

  @Override
  public NDArray update(String name) {
    throw new UnsupportedOperationException("a fixed step has no update; derive it from weights");
  }

  @Override
  public GradientOracle gradientOracle() {
    throw new UnsupportedOperationException("a fixed step has no gradient oracle");
  }
}
