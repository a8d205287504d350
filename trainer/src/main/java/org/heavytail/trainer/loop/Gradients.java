package org.heavytail.trainer.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;

/** Gradient-buffer housekeeping shared by the loop and the oracle. */
final class Gradients {
  private Gradients() {}

  /**
   * Sets the gradient buffers of {@code params} to zero before a backward pass (PyTorch
   * accumulates into them; DJL's collector does not clear them).
   */
  static void zero(Collection<Parameter> params) {
    for (Parameter p : params) {
      NDArray a = p.getArray();
      if (a instanceof PtNDArray) {
        JniUtils.zeroGrad((PtNDArray) a);
      } else {
        try (NDArray g = a.getGradient()) {
          g.muli(0);
        }
      }
    }
  }
}
