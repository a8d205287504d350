package org.heavytail.trainer.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.heavytail.trainer.loop.Training;

/**
 * Thread CPU of 2×2/stride-2 max pooling written five ways on LeNet-5's first pooling input
 * (128×6×28×28), forward alone and forward + backward (each iteration in its own {@link NDScope},
 * so no intermediate outlives it), and whether each gives the same values as {@code
 * Pool.maxPool2d}. Records why LeNet keeps {@code Pool.maxPool2d} (benchmarks/trainer.md,
 * 2026-11-26 session 4). Usage: {@code MaxPoolAlternatives}.
 */
public final class MaxPoolAlternatives {
  private MaxPoolAlternatives() {}

  public static void main(String[] args) {
    Training.configureThreads();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    Map<String, UnaryOperator<NDArray>> ways = new LinkedHashMap<>();
    ways.put("Pool.maxPool2d", a -> Pool.maxPool2d(a, new Shape(2, 2), new Shape(2, 2),
        new Shape(0, 0), false));
    ways.put("two single-axis max of a reshape", MaxPoolAlternatives::reshapeMax);
    ways.put("maximum of strided views", MaxPoolAlternatives::stridedMaximum);
    ways.put("maximum of split halves", MaxPoolAlternatives::splitMaximum);
    ways.put("where(a >= b) of strided views", MaxPoolAlternatives::stridedWhere);
    ways.put("relayout to channels-last, maxPool2d", a -> Pool.maxPool2d(channelsLast(a),
        new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(128, 6, 28, 28));
      NDArray up = m.randomNormal(new Shape(128, 6, 14, 14));
      NDArray reference = ways.get("Pool.maxPool2d").apply(x);
      for (Map.Entry<String, UnaryOperator<NDArray>> w : ways.entrySet()) {
        UnaryOperator<NDArray> f = w.getValue();
        boolean same;
        try (NDScope s = new NDScope()) {
          s.suppressNotUsedWarning();
          same = f.apply(x).contentEquals(reference);
        }
        x.setRequiresGradient(false);
        double fwd = cpuMicros(tb, () -> f.apply(x));
        x.setRequiresGradient(true);
        double both = cpuMicros(tb, () -> {
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(x).mul(up).sum());
          }
        });
        System.out.printf(Locale.ROOT, "%-40s forward %8.1f us  forward+backward %8.1f us  same %s%n",
            w.getKey(), fwd, both, same);
      }
    }
  }

  static NDArray reshapeMax(NDArray a) {
    Shape s = a.getShape();
    NDArray cols = a.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2).max(new int[] {4});
    return cols.reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2).max(new int[] {3});
  }

  static NDArray stridedMaximum(NDArray a) {
    NDArray cols = a.get(":, :, :, 0::2").maximum(a.get(":, :, :, 1::2"));
    return cols.get(":, :, 0::2, :").maximum(cols.get(":, :, 1::2, :"));
  }

  static NDArray splitMaximum(NDArray a) {
    Shape s = a.getShape();
    NDList cols = a.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2).split(2, 4);
    NDList rows = cols.get(0).maximum(cols.get(1))
        .reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2).split(2, 3);
    return rows.get(0).maximum(rows.get(1)).reshape(s.get(0), s.get(1), s.get(2) / 2,
        s.get(3) / 2);
  }

  static NDArray stridedWhere(NDArray a) {
    NDArray e = a.get(":, :, :, 0::2");
    NDArray o = a.get(":, :, :, 1::2");
    NDArray cols = NDArrays.where(e.gte(o), e, o);
    NDArray r0 = cols.get(":, :, 0::2, :");
    NDArray r1 = cols.get(":, :, 1::2, :");
    return NDArrays.where(r0.gte(r1), r0, r1);
  }

  static NDArray channelsLast(NDArray a) {
    Shape s = a.getShape();
    return a.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(2) * s.get(3) * s.get(1))
        .reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
  }

  private static double cpuMicros(ThreadMXBean tb, Runnable op) {
    int n = 100;
    for (int i = 0; i < n; i++) { // warm-up
      try (NDScope s = new NDScope()) {
        s.suppressNotUsedWarning();
        op.run();
      }
    }
    long c = tb.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      try (NDScope s = new NDScope()) {
        s.suppressNotUsedWarning();
        op.run();
      }
    }
    return (tb.getCurrentThreadCpuTime() - c) / 1e3 / n;
  }
}
