package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one-call native SGD update of the PyTorch engine, used for plain SGD when weight and
 * gradient are float32 PyTorch arrays: one JNI call per parameter instead of four (the
 * speed benchmark of the trainer runs plain SGD). DJL's native kernel
 * (ai_djl_pytorch_jni_PyTorchLibrary_optim.cc, DJL 0.35) computes θ ← θ − lr (g + λθ) on a
 * clone of g, the same formula as the element-wise path; {@code SgdTest} runs both paths and
 * compares them ({@code -Dheavytail.optim.unfused=true} turns the kernel off). It is called
 * through {@link JniUtils} directly, not {@code NDArrayEx.sgdUpdate}, which would also zero the
 * weight's gradient (listeners may still read it).
 *
 * <p>Not used for Adam: DJL's Adam kernel takes β₁, β₂ as float and forms 1 − β₂ from the float,
 * so 1 − float(0.999) is off by 1.3e-5 relative, which the 1e-6 formula tests detect. Its
 * momentum kernel keeps η inside the buffer (v ← μv + ηg), not PyTorch's convention.
 */
final class FusedKernels {
  /** Off with {@code -Dheavytail.optim.unfused=true}; tests flip it to check both paths. */
  static volatile boolean enabled = !Boolean.getBoolean("heavytail.optim.unfused");

  private FusedKernels() {}

  static boolean applies(NDArray... arrays) {
    if (!enabled) {
      return false;
    }
    for (NDArray a : arrays) {
      if (!(a instanceof PtNDArray) || a.getDataType() != DataType.FLOAT32) {
        return false;
      }
    }
    return true;
  }

  /** θ ← θ − lr (g + λθ). */
  static void sgd(NDArray w, NDArray g, double lr, double weightDecay) {
    JniUtils.sgdUpdate((PtNDArray) w, (PtNDArray) g, null, (float) lr, (float) weightDecay, 1f,
        -1f, 0f);
  }

}
