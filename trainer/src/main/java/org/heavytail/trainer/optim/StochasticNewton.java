package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * Stochastic Newton for the linear model ŷ = Wx + c with square loss (the second-order method of
 * Hodgkinson &amp; Mahoney 2021, §5): with the minibatch X_B (b rows), the augmented features x̃
 * = (x, 1) (just x when the model has no bias), the minibatch gradient G = (∇_W, ∇_c) and
 *
 * <pre>
 *   H_B = s · X̃_Bᵀ X̃_B / b,      θ_j ← θ_j − η (H_B + λ I)⁻¹ G_j   for every output row j
 * </pre>
 *
 * where θ_j = (W_j, c_j). <b>Loss convention</b>: H_B is the exact Hessian of the minibatch loss
 * (1/b) Σ_i ½ (w·x_i + c − y_i)² per output with the default curvature scale s = 1 (DJL's {@code
 * L2Loss}, ½ mean of squares, with one output). Use {@code curvature-scale=2} for the loss (ŷ −
 * y)² without the ½, and {@code curvature-scale=1/k} (as a number) for ½ the mean over k outputs
 * as well as over the batch. With η = 1, λ = 0 and b = n one step lands on the least-squares
 * solution.
 *
 * <p>The (d+1)×(d+1) system is solved in double precision on the Java side by Cholesky (the model
 * is small: d is the input dimension); it fails with a message naming the step when H_B + λI is
 * not positive definite (b ≤ d with λ = 0): raise {@code damping}. The parameters must be exactly
 * one matrix W (k × d, d the number of batch features) and optionally one vector c (k). Coupled
 * weight decay (g ← g + λ_wd θ) applies to both. Options: {@code lr} (default 1), {@code damping}
 * λ (default 0), {@code curvature-scale} s (default 1). No per-parameter state.
 */
public final class StochasticNewton extends AbstractOptimizer {
  private final double damping;
  private final double curvatureScale;

  private StochasticNewton(Builder b) {
    super("newton", b);
    this.damping = b.damping;
    this.curvatureScale = b.curvatureScale;
  }

  /** A builder: η = 1, λ = 0, s = 1. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    throw new UnsupportedOperationException("newton updates all parameters together");
  }

  @Override
  protected void updateAll(UpdateContext step, double lr, long t) {
    NDArray features = step.batchFeatures();
    if (features == null) {
      throw new IllegalStateException(
          "newton: UpdateContext.batchFeatures() is null at step " + step.step()
              + ": stochastic Newton needs the minibatch features");
    }
    long b = features.getShape().get(0);
    int d = Math.toIntExact(features.size() / b);
    ParameterSlot weight = null;
    ParameterSlot bias = null;
    List<String> seen = new ArrayList<>();
    for (ParameterSlot p : step.parameters()) {
      Shape s = p.weight().getShape();
      seen.add(p.name() + s);
      if (s.dimension() == 2 && s.get(1) == d && weight == null) {
        weight = p;
      } else if (s.dimension() == 1 && bias == null) {
        bias = p;
      } else {
        weight = null;
        break;
      }
    }
    if (weight == null
        || (bias != null && bias.weight().getShape().get(0) != weight.weight().getShape().get(0))) {
      throw new IllegalStateException(
          "newton: supports the linear model only (one weight k×" + d
              + " and an optional bias k), got parameters " + seen);
    }
    int k = Math.toIntExact(weight.weight().getShape().get(0));
    int q = d + (bias != null ? 1 : 0);

    float[] x = toFloat(features);
    double[] h = new double[q * q];
    double[] row = new double[q];
    for (int i = 0; i < b; i++) {
      for (int a = 0; a < d; a++) {
        row[a] = x[i * d + a];
      }
      if (bias != null) {
        row[d] = 1;
      }
      for (int a = 0; a < q; a++) {
        double ra = row[a];
        if (ra != 0) {
          for (int c = 0; c <= a; c++) {
            h[a * q + c] += ra * row[c];
          }
        }
      }
    }
    double f = curvatureScale / b;
    for (int a = 0; a < q; a++) {
      for (int c = 0; c <= a; c++) {
        h[a * q + c] *= f;
      }
      h[a * q + a] += damping;
    }
    if (!cholesky(h, q)) {
      throw new IllegalStateException(
          "newton: H_B + λI is not positive definite at step " + step.step() + " (d = " + d
              + ", b = " + b + ", damping = " + damping + "): raise optimizer option 'damping'");
    }
    float[] gw = toFloat(decayedGradient(weight));
    float[] gb = bias != null ? toFloat(decayedGradient(bias)) : null;
    float[] dw = new float[k * d];
    float[] db = bias != null ? new float[k] : null;
    double[] rhs = new double[q];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        rhs[a] = gw[j * d + a];
      }
      if (bias != null) {
        rhs[d] = gb[j];
      }
      solve(h, q, rhs);
      for (int a = 0; a < d; a++) {
        dw[j * d + a] = (float) (lr * rhs[a]);
      }
      if (bias != null) {
        db[j] = (float) (lr * rhs[d]);
      }
    }
    subtract(weight.weight(), dw);
    if (bias != null) {
      subtract(bias.weight(), db);
    }
  }

  private static float[] toFloat(NDArray a) {
    if (a.getDataType() == DataType.FLOAT32) {
      return a.toFloatArray();
    }
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private static void subtract(NDArray w, float[] delta) {
    NDArray d = w.getManager().create(FloatBuffer.wrap(delta), w.getShape(), DataType.FLOAT32);
    if (w.getDataType() != DataType.FLOAT32) {
      d = d.toType(w.getDataType(), false);
    }
    if (!d.getDevice().equals(w.getDevice())) {
      d = d.toDevice(w.getDevice(), false);
    }
    w.subi(d);
  }

  /** In-place Cholesky of the lower triangle of the q×q matrix a: a = L Lᵀ, L stored below. */
  static boolean cholesky(double[] a, int q) {
    for (int j = 0; j < q; j++) {
      double s = a[j * q + j];
      for (int m = 0; m < j; m++) {
        s -= a[j * q + m] * a[j * q + m];
      }
      if (!(s > 0)) {
        return false;
      }
      double l = Math.sqrt(s);
      a[j * q + j] = l;
      for (int i = j + 1; i < q; i++) {
        double v = a[i * q + j];
        for (int m = 0; m < j; m++) {
          v -= a[i * q + m] * a[j * q + m];
        }
        a[i * q + j] = v / l;
      }
    }
    return true;
  }

  /** Solves L Lᵀ z = r in place, with L from {@link #cholesky}. */
  static void solve(double[] l, int q, double[] r) {
    for (int i = 0; i < q; i++) {
      double v = r[i];
      for (int m = 0; m < i; m++) {
        v -= l[i * q + m] * r[m];
      }
      r[i] = v / l[i * q + i];
    }
    for (int i = q - 1; i >= 0; i--) {
      double v = r[i];
      for (int m = i + 1; m < q; m++) {
        v -= l[m * q + i] * r[m];
      }
      r[i] = v / l[i * q + i];
    }
  }

  /** Builder of {@link StochasticNewton}. */
  public static final class Builder extends BaseBuilder<Builder> {
    double damping;
    double curvatureScale = 1;

    private Builder() {
      setLearningRate(Factory.DEFAULT_LR);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The damping λ &gt;= 0 added to the diagonal of H_B (default 0). */
    public Builder optDamping(double damping) {
      if (!(damping >= 0) || Double.isInfinite(damping)) {
        throw new IllegalArgumentException(
            "optimizer option 'damping' = " + damping + ": expected a finite value >= 0");
      }
      this.damping = damping;
      return this;
    }

    /** The curvature scale s &gt; 0 of the loss convention (default 1, see the class comment). */
    public Builder optCurvatureScale(double s) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException(
            "optimizer option 'curvature-scale' = " + s + ": expected a finite value > 0");
      }
      this.curvatureScale = s;
      return this;
    }

    /** Builds the optimizer. */
    public StochasticNewton build() {
      checkLearningRate("newton");
      return new StochasticNewton(this);
    }
  }

  /** {@code newton}: options {@code lr} (default 1), {@code damping}, {@code curvature-scale}. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "newton";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      return builder()
          .fromOptions(name(), o, defaultLearningRate(), Set.of("damping", "curvature-scale"))
          .optDamping(o.getDouble("damping", 0))
          .optCurvatureScale(o.getDouble("curvature-scale", 1))
          .build();
    }

    /** η = 1: the full Newton step, exact for the quadratic loss of the linear model. */
    @Override
    public double defaultLearningRate() {
      return DEFAULT_LR;
    }

    /** The builder's and the factory's η. */
    static final double DEFAULT_LR = 1.0;
  }
}
