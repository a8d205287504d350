package org.heavytail.trainer.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.heavytail.trainer.loop.GradientOracle;
import org.heavytail.trainer.loop.StepContext;

/**
 * Least squares with two parameters, w (shape [3, 4]) and b (shape [4]): example i has input
 * a_i ∈ R^3, target y_i ∈ R^4 and loss ℓ_i = ½‖W^T a_i + b − y_i‖², so ∇_W ℓ_i = a_i r_iᵀ and
 * ∇_b ℓ_i = r_i with r_i = W^T a_i + b − y_i. Gradients are computed here in double, exactly, to
 * check what the hooks record; SGD with step 0.05 moves the weights.
 */
final class FakeModel {

  static final int N = 400;
  final double[][] a = new double[N][3];
  final double[][] y = new double[N][4];
  float[] w = new float[12];
  float[] b = new float[4];
  final List<int[]> oracleCalls = new ArrayList<>();
  private final SplittableRandom rnd = new SplittableRandom(3);
  long step;

  FakeModel() {
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 3; j++) {
        a[i][j] = rnd.nextGaussian();
      }
      for (int j = 0; j < 4; j++) {
        y[i][j] = rnd.nextGaussian() * 2;
      }
    }
    for (int j = 0; j < 12; j++) {
      w[j] = (float) rnd.nextGaussian();
    }
  }

  /** Exact gradient of the mean loss over {@code idx} at weights (w, b). */
  Map<String, float[]> gradient(int[] idx, float[] wt, float[] bt) {
    double[] gw = new double[12];
    double[] gb = new double[4];
    for (int i : idx) {
      double[] r = new double[4];
      for (int k = 0; k < 4; k++) {
        double s = bt[k] - y[i][k];
        for (int j = 0; j < 3; j++) {
          s += wt[j * 4 + k] * a[i][j];
        }
        r[k] = s;
      }
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          gw[j * 4 + k] += a[i][j] * r[k] / idx.length;
        }
      }
      for (int k = 0; k < 4; k++) {
        gb[k] += r[k] / idx.length;
      }
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    out.put("w", toFloat(gw));
    out.put("b", toFloat(gb));
    return out;
  }

  static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** One SGD step on minibatch {@code idx}; returns the context lent to listeners. */
  Step step(NDManager manager, int[] idx) {
    Map<String, float[]> g = gradient(idx, w, b);
    float[] w1 = w.clone();
    float[] b1 = b.clone();
    for (int j = 0; j < 12; j++) {
      w1[j] -= 0.05f * g.get("w")[j];
    }
    for (int j = 0; j < 4; j++) {
      b1[j] -= 0.05f * g.get("b")[j];
    }
    Step s = new Step(manager, step++, idx, g, Map.of("w", w1, "b", b1),
        Map.of("w", diff(w1, w), "b", diff(b1, b)));
    w = w1;
    b = b1;
    return s;
  }

  private static float[] diff(float[] x, float[] y) {
    float[] d = new float[x.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i] - y[i];
    }
    return d;
  }

  /** A StepContext over plain arrays. */
  final class Step implements StepContext {
    final NDManager manager;
    final long step;
    final int[] idx;
    final Map<String, float[]> g;
    final Map<String, float[]> weights;
    final Map<String, float[]> updates;

    Step(NDManager manager, long step, int[] idx, Map<String, float[]> g,
        Map<String, float[]> weights, Map<String, float[]> updates) {
      this.manager = manager;
      this.step = step;
      this.idx = idx;
      this.g = g;
      this.weights = weights;
      this.updates = updates;
    }

    private NDArray nd(String name, float[] v) {
      return manager.create(v, name.equals("w") ? new Shape(3, 4) : new Shape(4));
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public int epoch() {
      return (int) (step / 10);
    }

    @Override
    public int[] batchIndices() {
      return idx.clone();
    }

    @Override
    public float loss() {
      return 1.5f;
    }

    @Override
    public List<String> parameterNames() {
      return List.of("w", "b");
    }

    @Override
    public NDArray gradient(String name) {
      return nd(name, g.get(name));
    }

    @Override
    public NDArray weight(String name) {
      return nd(name, weights.get(name));
    }

    @Override
    public NDArray update(String name) {
      return nd(name, updates.get(name));
    }

    @Override
    public GradientOracle gradientOracle() {
      float[] wt = weights.get("w");
      float[] bt = weights.get("b");
      return new GradientOracle() {
        @Override
        public int trainingSetSize() {
          return N;
        }

        @Override
        public Map<String, float[]> gradient(int[] exampleIndices) {
          oracleCalls.add(exampleIndices.clone());
          return FakeModel.this.gradient(exampleIndices, wt, bt);
        }
      };
    }
  }
}
