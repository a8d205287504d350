package org.heavytail.trainer.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.Network;

/**
 * A {@link GradientOracle} over a network's training data: the gradient of the mean loss (1/|I|)
 * Σ_{i∈I} ∇ℓ_i(θ) at the current weights, by one forward/backward pass in training mode (batch
 * norm uses the statistics of the chosen examples, as in a training step).
 *
 * <p>Nothing changes: the weights are only read, batch-norm running statistics are restored
 * after the pass, and the gradient buffers the loop lent to listeners are restored too, so a
 * listener may call the oracle and then still read {@link StepContext#gradient}.
 */
public final class ExampleGradientOracle implements GradientOracle {

  /** The whole array: {@code set(ALL, v)} copies v into the existing tensor natively. */
  private static final NDIndex ALL = new NDIndex(":");
  private final Network net;
  private final LossKind loss;
  private final TrainingData data;

  /** An oracle over {@code data}'s training split. */
  public ExampleGradientOracle(Network net, LossKind loss, TrainingData data) {
    this.net = net;
    this.loss = loss;
    this.data = data;
  }

  @Override
  public int trainingSetSize() {
    return data.trainSize();
  }

  @Override
  public Map<String, float[]> gradient(int[] exampleIndices) {
    List<Map<String, float[]>> out = new ArrayList<>(1);
    gradients(List.of(exampleIndices), out::add);
    return out.get(0);
  }

  @Override
  public void gradients(List<int[]> exampleSets, Consumer<Map<String, float[]>> consumer) {
    for (int[] set : exampleSets) {
      if (set.length == 0) {
        throw new IllegalArgumentException("gradient of no examples: pass at least one index");
      }
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      List<Parameter> params = new ArrayList<>(net.parameters().values());
      // save the lent gradients and the non-trained state (running statistics), once
      List<NDArray> savedGrads = new ArrayList<>();
      for (Parameter p : params) {
        savedGrads.add(p.getArray().getGradient().duplicate());
      }
      Map<Parameter, NDArray> savedState = new LinkedHashMap<>();
      for (Parameter p : net.state().values()) {
        if (!p.requiresGradient()) {
          savedState.put(p, p.getArray().duplicate());
        }
      }
      try {
        for (int[] set : exampleSets) {
          consumer.accept(gradientOf(set, params, savedState));
        }
      } finally {
        // restore the lent gradients by native in-place ops: NDArray.set(direct buffer) would
        // make the grad tensor share the memory of a buffer that only a temporary wrapper
        // references, freed by the next GC (heap corruption, found by the snapshot hooks)
        Gradients.zero(params);
        for (int i = 0; i < params.size(); i++) {
          params.get(i).getArray().getGradient().addi(savedGrads.get(i));
        }
      }
    }
  }

  /** One set's gradient; the running statistics are put back to {@code savedState} after. */
  private Map<String, float[]> gradientOf(int[] set, List<Parameter> params,
      Map<Parameter, NDArray> savedState) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (NDScope one = new NDScope()) {
      one.suppressNotUsedWarning();
      Gradients.zero(params);
      NDArray idx = data.indexArray(set);
      NDArray x = data.trainFeatures().get(idx);
      NDArray y = data.trainTargets().get(idx);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.mean(net.forward(x, true), y);
        gc.backward(l);
      }
      for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
        out.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
      }
      // each set sees the saved running statistics, as a lone call would
      for (Map.Entry<Parameter, NDArray> e : savedState.entrySet()) {
        e.getKey().getArray().set(ALL, e.getValue());
      }
    }
    return out;
  }
}
