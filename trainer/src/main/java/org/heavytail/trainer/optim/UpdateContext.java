package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What an optimizer sees at one step: the step index, the parameters with their gradients, and
 * the minibatch (second-order methods such as stochastic Newton need it).
 */
public interface UpdateContext {

  /** Global step index, 0-based. */
  long step();

  /** The parameters in the model's fixed order; weights are updated in place. */
  List<ParameterSlot> parameters();

  /** The minibatch features the gradient was computed on (rows = examples). */
  NDArray batchFeatures();

  /** One parameter: its name, its weight (updated in place) and its gradient at this step. */
  record ParameterSlot(String name, NDArray weight, NDArray gradient) {}
}
