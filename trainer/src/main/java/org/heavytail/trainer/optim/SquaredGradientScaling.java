package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * The common rule of {@link AdaGrad} and {@link RmsProp}: a per-coordinate accumulator of squared
 * gradients scales the step,
 *
 * <pre>
 *   a ← κ a + c g²      (a = 0 before the first update)
 *   θ ← θ − η g / (√a + ε)
 * </pre>
 *
 * with coupled weight decay g ← g + λθ. AdaGrad is κ = c = 1 (a running sum), RMSProp κ = ρ,
 * c = 1 − ρ (an exponential moving average). A factor of exactly 1 is skipped, so each subclass
 * computes what its own formula says, operation for operation. State: one array per parameter.
 */
public abstract class SquaredGradientScaling extends AbstractOptimizer {
  private final double keep;
  private final double add;
  private final double eps;

  /**
   * @param name the optimizer's name
   * @param builder the common options and ε
   * @param stateName name of the accumulator ({@code s}, {@code v})
   * @param keep κ, the factor of the old accumulator
   * @param add c, the factor of g²
   */
  protected SquaredGradientScaling(
      String name, Builder<?> builder, String stateName, double keep, double add) {
    super(name, builder, stateName);
    this.keep = keep;
    this.add = add;
    this.eps = builder.eps;
  }

  @Override
  protected final void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    NDArray g = decayedGradient(p);
    NDArray a = state[0];
    if (keep != 1) {
      a.muli(keep);
    }
    NDArray g2 = g.mul(g);
    a.addi(add != 1 ? g2.muli(add) : g2);
    p.weight().subi(g.div(a.sqrt().addi(eps)).muli(lr));
  }

  /** Builder part shared by the two: ε. */
  public abstract static class Builder<B extends Builder<B>> extends BaseBuilder<B> {
    double eps;

    /** @param defaultEps the optimizer's default ε */
    Builder(double defaultEps) {
      this.eps = defaultEps;
    }

    /** ε &gt; 0 (defaults: AdaGrad 1e-10, RMSProp 1e-8). */
    public B optEpsilon(double eps) {
      this.eps = Adam.checkEpsilon(eps);
      return self();
    }
  }
}
