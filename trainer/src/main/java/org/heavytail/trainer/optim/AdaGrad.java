package org.heavytail.trainer.optim;

import java.util.Set;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011, diagonal form), as PyTorch's {@code
 * torch.optim.Adagrad} with no learning-rate decay and a zero initial accumulator:
 *
 * <pre>
 *   s ← s + g²      (s = 0 before the first update)
 *   θ ← θ − η g / (√s + ε)
 * </pre>
 *
 * with coupled weight decay g ← g + λθ. Defaults ε = 1e-10, η = 1e-2. Option key {@code eps}.
 * State: {@code s/PARAM}.
 */
public final class AdaGrad extends SquaredGradientScaling {

  private AdaGrad(Builder b) {
    super("adagrad", b, "s", 1, 1);
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link AdaGrad} ({@code optEpsilon}: default 1e-10). */
  public static final class Builder extends SquaredGradientScaling.Builder<Builder> {

    Builder() {
      super(1e-10);
      setLearningRate(Factory.DEFAULT_LR);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Builds the optimizer. */
    public AdaGrad build() {
      checkLearningRate("adagrad");
      return new AdaGrad(this);
    }
  }

  /** {@code adagrad}: options {@code lr} (default 1e-2), {@code eps}. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "adagrad";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      return builder()
          .fromOptions(name(), o, defaultLearningRate(), Set.of("eps"))
          .optEpsilon(o.getDouble("eps", 1e-10))
          .build();
    }

    /**
     * η = 1e-2: PyTorch's {@code Adagrad} default (Duchi, Hazan &amp; Singer 2011 leave η to the
     * user); the form implemented here is PyTorch's.
     */
    @Override
    public double defaultLearningRate() {
      return DEFAULT_LR;
    }

    /** The builder's and the factory's η. */
    static final double DEFAULT_LR = 1e-2;
  }
}
