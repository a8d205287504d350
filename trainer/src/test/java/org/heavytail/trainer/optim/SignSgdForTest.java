package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A user-defined optimizer that exists only in the test sources, registered by the test
 * resources' {@code META-INF/services} file: signSGD, θ ← θ − η sign(g) (Bernstein et al. 2018).
 * It implements {@link Optimizer} directly, without the built-ins' base class.
 */
public final class SignSgdForTest implements Optimizer {
  private final double lr;

  SignSgdForTest(double lr) {
    this.lr = lr;
  }

  @Override
  public String name() {
    return "test-signsgd";
  }

  @Override
  public void update(UpdateContext step) {
    for (UpdateContext.ParameterSlot p : step.parameters()) {
      try (NDArray s = p.gradient().sign()) {
        s.muli(lr);
        p.weight().subi(s);
      }
    }
  }

  @Override
  public OptimizerState saveState() {
    return new OptimizerState(name(), Map.of(), Map.of());
  }

  @Override
  public void loadState(OptimizerState state) {}

  /** The factory the test services file lists. */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "test-signsgd";
    }

    @Override
    public Optimizer create(OptimizerOptions options) {
      return new SignSgdForTest(options.getDouble("lr", 0.1));
    }
  }
}
