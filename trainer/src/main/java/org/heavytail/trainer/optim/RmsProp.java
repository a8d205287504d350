package org.heavytail.trainer.optim;

import java.util.Set;

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
public final class RmsProp extends SquaredGradientScaling {

  private RmsProp(Builder b) {
    super("rmsprop", b, "v", b.rho, 1 - b.rho);
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link RmsProp} ({@code optEpsilon}: default 1e-8). */
  public static final class Builder extends SquaredGradientScaling.Builder<Builder> {
    double rho = 0.99;

    Builder() {
      super(1e-8);
      setLearningRate(Factory.DEFAULT_LR);
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
      return DEFAULT_LR;
    }

    /** The builder's and the factory's η. */
    static final double DEFAULT_LR = 1e-2;
  }
}
