package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * diffGrad (Dubey, Chakraborty, Roy, Mukherjee, Singh &amp; Chaudhuri 2019, "diffGrad: an
 * optimization method for convolutional neural networks", IEEE TNNLS, eqs. 3–8): Adam whose
 * bias-corrected first moment is scaled elementwise by the friction coefficient
 *
 * <pre>
 *   ξ_t = sigmoid(|g_{t−1} − g_t|) = 1 / (1 + exp(−|g_{t−1} − g_t|))      (g_0 = 0)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − η ξ_t m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 * </pre>
 *
 * ξ lies in [½, 1): where the gradient changes little the step shrinks towards half of Adam's.
 * ε is added to √v̂ as in the paper's formula (the authors' code adds it to √v, a 1e-8-level
 * difference). g_0 = 0 as in the authors' code (diffGrad_v2.py, which fixes the aliasing bug of
 * their first release), so ξ_1 = sigmoid(|g_1|). Coupled weight decay (g ← g + λθ) enters
 * before both the moments and ξ. Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 2e-3 (see {@link
 * Factory#defaultLearningRate()}). State: {@code m/PARAM}, {@code v/PARAM}, {@code prev/PARAM}
 * (g_{t−1}).
 */
public final class DiffGrad extends AbstractOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;

  private DiffGrad(Builder b) {
    super("diffgrad", b, "m", "v", "prev");
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = b.eps;
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    NDArray w = p.weight();
    NDArray g = decayedGradient(p);
    NDArray m = state[0];
    NDArray v = state[1];
    NDArray xi = Activation.sigmoid(state[2].sub(g).abs());
    m.muli(beta1).addi(g.mul(1 - beta1));
    v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2 = 1 - Math.pow(beta2, t);
    NDArray denom = v.sqrt().muli(1 / Math.sqrt(bc2)).addi(eps);
    w.subi(m.mul(xi).divi(denom).muli(lr / bc1));
    NDArray prev = g.duplicate();
    NDScope.unregister(prev);
    prev.setName(state[2].getName());
    state[2].close();
    state[2] = prev;
  }

  /** Builder of {@link DiffGrad}. */
  public static final class Builder extends BaseBuilder<Builder> {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;

    Builder() {
      setLearningRate(Factory.DEFAULT_LR);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** β₁ in [0, 1), default 0.9. */
    public Builder optBeta1(double beta1) {
      this.beta1 = Adam.checkBeta("beta1", beta1);
      return this;
    }

    /** β₂ in [0, 1), default 0.999. */
    public Builder optBeta2(double beta2) {
      this.beta2 = Adam.checkBeta("beta2", beta2);
      return this;
    }

    /** ε &gt; 0, default 1e-8. */
    public Builder optEpsilon(double eps) {
      this.eps = Adam.checkEpsilon(eps);
      return this;
    }

    /** Builds the optimizer. */
    public DiffGrad build() {
      checkLearningRate("diffgrad");
      return new DiffGrad(this);
    }
  }

  /** {@code diffgrad}: options {@code lr} (default 2e-3), {@code beta1}, {@code beta2}, {@code eps}. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "diffgrad";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      return builder()
          .fromOptions(name(), o, defaultLearningRate(), Adam.KEYS)
          .optBeta1(o.getDouble("beta1", 0.9))
          .optBeta2(o.getDouble("beta2", 0.999))
          .optEpsilon(o.getDouble("eps", 1e-8))
          .build();
    }

    /**
     * η = 2e-3, twice Adam's 1e-3. The paper runs diffGrad with Adam's η = 0.001, but its
     * released first version had a bug (g_{t−1} aliased g_t, so ξ ≡ ½ from t = 2: Adam at η/2);
     * with the formula as written, ξ = sigmoid(|Δg|) stays within 1e-3 of ½ on the MNIST MLP
     * (|Δg| ≪ 1; benchmarks/diffgrad_friction.py), so diffGrad at 2η takes Adam's steps at η.
     * Chosen on a validation split (last 10,000 MNIST training examples, seeds 0–2, one epoch):
     * see the sweep in benchmarks/optim.md. Never tuned on the test set.
     */
    static final double DEFAULT_LR = 2e-3;

    @Override
    public double defaultLearningRate() {
      return DEFAULT_LR;
    }
  }
}
