package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.Set;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * Stochastic gradient descent, optionally with heavy-ball or Nesterov momentum, in the convention
 * of PyTorch's {@code torch.optim.SGD} (dampening 0).
 *
 * <p>With g the minibatch gradient, λ the coupled weight decay, η_k the scheduled rate and μ the
 * momentum, g' = g + λθ and
 *
 * <ul>
 *   <li>plain ({@code sgd}, μ = 0): θ ← θ − η g' (Robbins &amp; Monro 1951);
 *   <li>heavy ball ({@code momentum}): v ← μ v + g', θ ← θ − η v, with v = 0 before the first
 *       step (Polyak 1964, in PyTorch's form: the rate multiplies the buffer, not the gradient);
 *   <li>Nesterov ({@code nesterov}): v ← μ v + g', θ ← θ − η (g' + μ v) (Sutskever et al. 2013,
 *       PyTorch's form).
 * </ul>
 *
 * State: {@code v/PARAM} when μ &gt; 0.
 */
public final class Sgd extends AbstractOptimizer {
  private final double momentum;
  private final boolean nesterov;

  private Sgd(Builder b) {
    super(nameOf(b), b, b.momentum > 0 ? new String[] {"v"} : new String[0]);
    this.momentum = b.momentum;
    this.nesterov = b.nesterov;
  }

  private static String nameOf(Builder b) {
    return b.nesterov ? "nesterov" : b.momentum > 0 ? "momentum" : "sgd";
  }

  /** A builder; {@code setLearningRate} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** μ. */
  public double momentum() {
    return momentum;
  }

  /** True for Nesterov momentum. */
  public boolean nesterov() {
    return nesterov;
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    if (momentum == 0 && FusedKernels.applies(p.weight(), p.gradient())) {
      FusedKernels.sgd(p.weight(), p.gradient(), lr, weightDecay());
      return;
    }
    NDArray g = decayedGradient(p);
    if (momentum == 0) {
      p.weight().subi(g.mul(lr));
      return;
    }
    NDArray v = state[0];
    v.muli(momentum).addi(g);
    if (nesterov) {
      p.weight().subi(v.mul(momentum).addi(g).muli(lr));
    } else {
      p.weight().subi(v.mul(lr));
    }
  }

  /** Builder of {@link Sgd}. */
  public static final class Builder extends BaseBuilder<Builder> {
    private double momentum;
    private boolean nesterov;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Sets the momentum μ in [0, 1) (default 0: plain SGD). */
    public Builder optMomentum(double mu) {
      if (!(mu >= 0 && mu < 1)) {
        throw new IllegalArgumentException(
            "optimizer option 'momentum' = " + mu + ": expected a value in [0, 1)");
      }
      this.momentum = mu;
      return this;
    }

    /** Uses Nesterov momentum (needs μ &gt; 0). */
    public Builder optNesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** Builds the optimizer. */
    public Sgd build() {
      checkLearningRate("sgd");
      if (nesterov && momentum == 0) {
        throw new IllegalArgumentException(
            "nesterov: optimizer option 'momentum' = 0: expected a value in (0, 1)");
      }
      return new Sgd(this);
    }
  }

  private static Sgd fromOptions(
      String name, OptimizerOptions o, double defaultMomentum, boolean nesterov) {
    return builder()
        .fromOptions(name, o, Double.NaN, Set.of("momentum"))
        .optMomentum(o.getDouble("momentum", defaultMomentum))
        .optNesterov(nesterov)
        .build();
  }

  /** {@code sgd}: options {@code lr} (required), {@code momentum} (default 0), common keys. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "sgd";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, 0.0, false);
    }
  }

  /** {@code momentum}: heavy ball, {@code momentum} default 0.9. */
  public static final class MomentumFactory implements OptimizerFactory {
    @Override
    public String name() {
      return "momentum";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, 0.9, false);
    }
  }

  /** {@code nesterov}: Nesterov momentum, {@code momentum} default 0.9. */
  public static final class NesterovFactory implements OptimizerFactory {
    @Override
    public String name() {
      return "nesterov";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, 0.9, true);
    }
  }
}
