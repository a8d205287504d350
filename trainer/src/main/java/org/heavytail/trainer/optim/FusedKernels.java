package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Short native paths for plain SGD when weight and gradient are float32 PyTorch arrays (the
 * speed benchmark of the trainer runs plain SGD).
 *
 * <p>Without weight decay (λ = 0): θ ← θ − (η·g) as two native calls, a product {@code g·η}
 * (η as a float32 scalar) and an in-place subtraction, with no copy of g. DJL's one-call kernel
 * (ai_djl_pytorch_jni_PyTorchLibrary_optim.cc, DJL 0.35) runs four aten ops on a clone of g
 * ({@code clone, add_(θ, λ), mul_(η), θ.sub_}): with λ = 0 it computes the same floats
 * (g + 0·θ = g for finite θ; then fl(g·η) and fl(θ − ·)), but the clone and the two extra passes
 * cost about 40 µs per step on the MNIST MLP's 300×784 layer (benchmarks/trainer.md, 2026-11-25
 * evening). With λ &gt; 0 the DJL kernel is used: θ ← θ − η (g + λθ).
 *
 * <p>{@code SgdTest} runs these paths and the element-wise one and compares them
 * ({@code -Dheavytail.optim.unfused=true} turns them off). The kernel is called through
 * {@link JniUtils} directly, not {@code NDArrayEx.sgdUpdate}, which would also zero the weight's
 * gradient (listeners may still read it).
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
    if (weightDecay == 0) {
      try (NDArray step = g.mul((float) lr)) {
        w.subi(step);
      }
      return;
    }
    JniUtils.sgdUpdate((PtNDArray) w, (PtNDArray) g, null, (float) lr, (float) weightDecay, 1f,
        -1f, 0f);
  }

}
