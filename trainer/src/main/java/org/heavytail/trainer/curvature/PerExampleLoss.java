package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A loss evaluated per example: {@code apply(prediction, label)} returns the vector (ℓ_1, …, ℓ_n)
 * of shape (n), differentiable in the prediction. The training loss is L = (1/n) Σ_i ℓ_i
 * (SCIENCE.md §1).
 */
@FunctionalInterface
public interface PerExampleLoss {

  /** Per-example losses, shape (n), for predictions of shape (n, …) and labels of matching n. */
  NDArray apply(NDArray prediction, NDArray label);

  /**
   * Square loss with the ½ convention, ℓ_i = ½ Σ_k (f_ik − y_ik)², summed over output
   * coordinates; for a linear model f = Xθ this gives the Hessian H = XᵀX/n. Labels are reshaped to
   * the prediction's shape.
   */
  static PerExampleLoss halfSquare() {
    return (f, y) -> {
      NDArray r = f.sub(y.reshape(f.getShape()).toType(f.getDataType(), false));
      NDArray sq = r.mul(r).mul(0.5);
      return sq.getShape().dimension() == 1 ? sq : sq.reshape(sq.getShape().get(0), -1).sum(
          new int[] {1});
    };
  }

  /**
   * Softmax cross-entropy with integer class labels, ℓ_i = −log softmax(f_i)[y_i], for logits f
   * of shape (n, classes) and labels of shape (n) (any numeric type holding class indices).
   */
  static PerExampleLoss softmaxCrossEntropy() {
    return (f, y) -> {
      NDArray logp = f.logSoftmax(1);
      NDArray idx = y.reshape(-1, 1).toType(DataType.INT64, false);
      return logp.gather(idx, 1).reshape(-1).neg();
    };
  }
}
