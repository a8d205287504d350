package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.Set;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) and AdamW (Loshchilov &amp; Hutter 2019, Algorithm 2,
 * decoupled weight decay), in the form of PyTorch's {@code torch.optim.Adam}/{@code AdamW}.
 *
 * <p>At update t = 1, 2, ... with gradient g, rate η_t, decay rates β₁, β₂ and ε:
 *
 * <pre>
 *   m ← β₁ m + (1 − β₁) g           (m = 0 before the first update)
 *   v ← β₂ v + (1 − β₂) g²          (v = 0 before the first update)
 *   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 *
 * ε is added to the bias-corrected √v̂, as in the paper's Algorithm 1 and PyTorch (not to √v, as
 * the paper's "efficient" variant). <b>adam</b>: {@code weight-decay=λ} is coupled (g ← g + λθ
 * before the moments). <b>adamw</b>: decoupled, θ ← θ (1 − η λ) before the Adam step (PyTorch's
 * AdamW; Loshchilov &amp; Hutter's η_t λ θ with their schedule multiplier folded into η), default
 * λ = 0.01. Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 1e-3. State: {@code m/PARAM}, {@code
 * v/PARAM}.
 */
public final class Adam extends AbstractOptimizer {
  static final Set<String> KEYS = Set.of("beta1", "beta2", "eps");

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final boolean decoupled;

  private Adam(Builder b) {
    super(b.decoupled ? "adamw" : "adam", b, "m", "v");
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = b.eps;
    this.decoupled = b.decoupled;
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    NDArray w = p.weight();
    NDArray g;
    if (decoupled) {
      g = p.gradient();
      if (weightDecay() != 0) {
        w.muli(1 - lr * weightDecay());
      }
    } else {
      g = decayedGradient(p);
    }
    NDArray m = state[0];
    NDArray v = state[1];
    m.muli(beta1).addi(g.mul(1 - beta1));
    v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    NDArray denom = v.sqrt().muli(1 / Math.sqrt(bc2)).addi(eps);
    w.subi(m.div(denom).muli(lr / bc1));
  }

  /** Builder of {@link Adam}. */
  public static final class Builder extends BaseBuilder<Builder> {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    boolean decoupled;

    Builder() {
      setLearningRate(Factory.DEFAULT_LR);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** β₁ in [0, 1), default 0.9. */
    public Builder optBeta1(double beta1) {
      this.beta1 = checkBeta("beta1", beta1);
      return this;
    }

    /** β₂ in [0, 1), default 0.999. */
    public Builder optBeta2(double beta2) {
      this.beta2 = checkBeta("beta2", beta2);
      return this;
    }

    /** ε &gt; 0, default 1e-8. */
    public Builder optEpsilon(double eps) {
      this.eps = checkEpsilon(eps);
      return this;
    }

    /** True for AdamW: the weight decay is decoupled from the gradient. */
    public Builder optDecoupledWeightDecay(boolean decoupled) {
      this.decoupled = decoupled;
      return this;
    }

    Builder readMoments(OptimizerOptions o) {
      return optBeta1(o.getDouble("beta1", beta1))
          .optBeta2(o.getDouble("beta2", beta2))
          .optEpsilon(o.getDouble("eps", eps));
    }

    /** Builds the optimizer. */
    public Adam build() {
      checkLearningRate(decoupled ? "adamw" : "adam");
      return new Adam(this);
    }
  }

  static double checkBeta(String key, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(
          "optimizer option '" + key + "' = " + beta + ": expected a value in [0, 1)");
    }
    return beta;
  }

  static double checkEpsilon(double eps) {
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException(
          "optimizer option 'eps' = " + eps + ": expected a finite value > 0");
    }
    return eps;
  }

  /** {@code adam}: options {@code lr} (default 1e-3), {@code beta1}, {@code beta2}, {@code eps}. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "adam";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      return builder().fromOptions(name(), o, defaultLearningRate(), KEYS).readMoments(o).build();
    }

    /** η = 1e-3: Kingma &amp; Ba (2015), Algorithm 1's "good default settings"; PyTorch's too. */
    @Override
    public double defaultLearningRate() {
      return DEFAULT_LR;
    }

    /** The builder's and both factories' η (adam, adamw). */
    static final double DEFAULT_LR = 1e-3;
  }

  /** {@code adamw}: as {@code adam}, with decoupled {@code weight-decay} (default 0.01). */
  public static final class WFactory implements OptimizerFactory {
    @Override
    public String name() {
      return "adamw";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      OptimizerOptions withDecay = o.has("weight-decay") ? o : o.with("weight-decay", 0.01);
      return builder()
          .optDecoupledWeightDecay(true)
          .fromOptions(name(), withDecay, defaultLearningRate(), KEYS)
          .readMoments(o)
          .build();
    }

    /** η = 1e-3: Loshchilov &amp; Hutter (2019) build on Adam's default; PyTorch's AdamW default. */
    @Override
    public double defaultLearningRate() {
      return Factory.DEFAULT_LR;
    }
  }
}
