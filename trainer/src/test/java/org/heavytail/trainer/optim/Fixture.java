package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * Test support: parameters on the PyTorch engine built from double arrays, fixed gradient
 * sequences, and a plain {@link UpdateContext}.
 */
final class Fixture implements AutoCloseable {
  final NDManager manager = NDManager.newBaseManager("PyTorch");
  final List<ParameterSlot> slots = new ArrayList<>();

  /** Adds a float32 parameter with the given initial values and shape, zero gradient. */
  Fixture param(String name, double[] init, long... shape) {
    NDArray w = manager.create(toFloat(init), new Shape(shape));
    NDArray g = w.zerosLike();
    slots.add(new ParameterSlot(name, w, g));
    return this;
  }

  /** Sets the gradient of parameter i to {@code values}. */
  void grad(int i, double[] values) {
    NDArray g = slots.get(i).gradient();
    g.set(java.nio.FloatBuffer.wrap(toFloat(values)));
  }

  double[] weight(int i) {
    float[] f = slots.get(i).weight().toFloatArray();
    double[] d = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      d[k] = f[k];
    }
    return d;
  }

  float[] rawWeight(int i) {
    return slots.get(i).weight().toFloatArray();
  }

  UpdateContext context(long step) {
    return context(step, null);
  }

  UpdateContext context(long step, NDArray features) {
    List<ParameterSlot> ps = List.copyOf(slots);
    return new UpdateContext() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public List<ParameterSlot> parameters() {
        return ps;
      }

      @Override
      public NDArray batchFeatures() {
        return features;
      }
    };
  }

  static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** The float32 value of d, as the engine sees it, back in double. */
  static double[] rounded(double[] d) {
    double[] r = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      r[i] = (float) d[i];
    }
    return r;
  }

  /** Asserts |actual − expected| &lt;= rel · max(|expected|, 1e-3) elementwise. */
  static void assertClose(double[] expected, double[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double tol = rel * Math.max(Math.abs(expected[i]), 1e-3);
      if (Math.abs(expected[i] - actual[i]) > tol) {
        throw new AssertionError(
            what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]
                + " (tolerance " + tol + ")");
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
