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

  /**
   * η = 0.1 for plain SGD: the usual choice for MNIST/CIFAR networks with standardised inputs
   * (PyTorch's {@code SGD} has no default η). With momentum μ = 0.9 the default is η = 0.01, so
   * that the step under a constant gradient, η/(1 − μ) in the long run, equals plain SGD's 0.1.
   */
  static final double SGD_LR = 0.1;

  /** η = 0.01 for heavy-ball and Nesterov momentum; see {@link #SGD_LR}. */
  static final double MOMENTUM_LR = 0.01;

  private static Sgd fromOptions(
      String name, OptimizerOptions o, double defaultLr, double defaultMomentum, boolean nesterov) {
    return builder()
        .fromOptions(name, o, defaultLr, Set.of("momentum"))
        .optMomentum(o.getDouble("momentum", defaultMomentum))
        .optNesterov(nesterov)
        .build();
  }

  /** {@code sgd}: options {@code lr} (default 0.1), {@code momentum} (default 0), common keys. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "sgd";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, defaultLearningRate(), 0.0, false);
    }

    /** η = 0.1 ({@link Sgd#SGD_LR}). */
    @Override
    public double defaultLearningRate() {
      return SGD_LR;
    }
  }

  /** {@code momentum}: heavy ball, {@code lr} default 0.01, {@code momentum} default 0.9. */
  public static final class MomentumFactory implements OptimizerFactory {
    @Override
    public String name() {
      return "momentum";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, defaultLearningRate(), 0.9, false);
    }

    /** η = 0.01 ({@link Sgd#MOMENTUM_LR}). */
    @Override
    public double defaultLearningRate() {
      return MOMENTUM_LR;
    }
  }

  /** {@code nesterov}: Nesterov momentum, {@code lr} default 0.01, {@code momentum} default 0.9. */
  public static final class NesterovFactory implements OptimizerFactory {
    @Override
    public String name() {
      return "nesterov";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return fromOptions(name(), options, defaultLearningRate(), 0.9, true);
    }

    /** η = 0.01 ({@link Sgd#MOMENTUM_LR}). */
    @Override
    public double defaultLearningRate() {
      return MOMENTUM_LR;
    }
  }
}
