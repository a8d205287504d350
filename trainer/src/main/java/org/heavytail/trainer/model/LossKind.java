package org.heavytail.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The training losses, per example; the minibatch loss is their mean L_B = (1/b) Σ_{i∈B} ℓ_i.
 *
 * <ul>
 *   <li>{@link #CROSS_ENTROPY}: ℓ_i = −log softmax(f(x_i))_{y_i} = logsumexp(f(x_i)) − f(x_i)_{y_i}.
 *   <li>{@link #SQUARE}: ℓ_i = ½ ‖f(x_i) − t_i‖², where t_i is the one-hot vector e_{y_i} for
 *       classification (Wu, Wang &amp; Su 2022 use square loss on one-hot targets) or the real
 *       target vector for regression.
 * </ul>
 */
public enum LossKind {
  CROSS_ENTROPY("cross-entropy"),
  SQUARE("square");

  private final String specName;

  LossKind(String specName) {
    this.specName = specName;
  }

  /** Name on the command line. */
  public String specName() {
    return specName;
  }

  /**
   * Per-example losses, shape (b).
   *
   * @param output network output, shape (b, k)
   * @param target int64 class labels of shape (b) for classification, or float targets of shape
   *     (b, k) for regression (square loss only)
   */
  public NDArray perExample(NDArray output, NDArray target) {
    boolean labels = target.getDataType() == DataType.INT64 || target.getDataType() == DataType.INT32;
    if (this == CROSS_ENTROPY) {
      if (!labels) {
        throw new IllegalArgumentException("cross-entropy needs integer class labels, got "
            + target.getDataType() + " targets; use the square loss for regression");
      }
      return output.logSoftmax(1).gather(target.reshape(-1, 1), 1).reshape(-1).neg();
    }
    NDArray t = labels ? target.oneHot((int) output.getShape().get(1), DataType.FLOAT32) : target;
    return output.sub(t.reshape(output.getShape())).square().sum(new int[] {1}).mul(0.5f);
  }

  /**
   * Mean loss over the batch, a scalar: (1/b) Σ ℓ_i. For cross-entropy on labels it is formed as
   * −mean(log softmax(f)_{·,y}) on the (b, 1) gathered column: the same floats as
   * {@code perExample(..).mean()} (negation commutes with rounding), two native ops fewer in the
   * forward and the backward pass of every training step.
   */
  public NDArray mean(NDArray output, NDArray target) {
    if (this == CROSS_ENTROPY
        && (target.getDataType() == DataType.INT64 || target.getDataType() == DataType.INT32)) {
      return output.logSoftmax(1).gather(target.reshape(-1, 1), 1).mean().neg();
    }
    return perExample(output, target).mean();
  }

  /**
   * Parses {@code cross-entropy} (also {@code ce}) or {@code square} (also {@code mse}).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static LossKind fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("cross-entropy") || n.equals("ce") || n.equals("crossentropy")) {
      return CROSS_ENTROPY;
    }
    if (n.equals("square") || n.equals("mse")) {
      return SQUARE;
    }
    throw new IllegalArgumentException("unknown loss '" + name + "': expected cross-entropy or square");
  }
}
