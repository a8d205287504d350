package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.Set;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Coursera lecture 6.5), in the form of PyTorch's {@code
 * torch.optim.RMSprop} (not centred, no momentum):
 *
 * <pre>
 *   v ← ρ v + (1 − ρ) g²      (v = 0 before the first update)
 *   θ ← θ − η g / (√v + ε)
 * </pre>
 *
 * with coupled weight decay g ← g + λθ. Defaults ρ = 0.99 (PyTorch's {@code alpha}), ε = 1e-8,
 * η = 1e-2. Option keys {@code rho}, {@code eps}. State: {@code v/PARAM}.
 */
public final class RmsProp extends AbstractOptimizer {
  private final double rho;
  private final double eps;

  private RmsProp(Builder b) {
    super("rmsprop", b, "v");
    this.rho = b.rho;
    this.eps = b.eps;
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    NDArray g = decayedGradient(p);
    NDArray v = state[0];
    v.muli(rho).addi(g.mul(g).muli(1 - rho));
    p.weight().subi(g.div(v.sqrt().addi(eps)).muli(lr));
  }

  /** Builder of {@link RmsProp}. */
  public static final class Builder extends BaseBuilder<Builder> {
    double rho = 0.99;
    double eps = 1e-8;

    Builder() {
      setLearningRate(1e-2);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** ρ in [0, 1), default 0.99. */
    public Builder optRho(double rho) {
      this.rho = Adam.checkBeta("rho", rho);
      return this;
    }

    /** ε &gt; 0, default 1e-8. */
    public Builder optEpsilon(double eps) {
      this.eps = Adam.checkEpsilon(eps);
      return this;
    }

    /** Builds the optimizer. */
    public RmsProp build() {
      checkLearningRate("rmsprop");
      return new RmsProp(this);
    }
  }

  /** {@code rmsprop}: options {@code lr} (default 1e-2), {@code rho}, {@code eps}. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "rmsprop";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      return builder()
          .fromOptions(name(), o, defaultLearningRate(), Set.of("rho", "eps"))
          .optRho(o.getDouble("rho", 0.99))
          .optEpsilon(o.getDouble("eps", 1e-8))
          .build();
    }

    /**
     * η = 1e-2: PyTorch's {@code RMSprop} default (Tieleman &amp; Hinton's lecture gives no single
     * value); the form implemented here is PyTorch's.
     */
    @Override
    public double defaultLearningRate() {
      return 1e-2;
    }
  }
}
