package org.heavytail.trainer.hook;

import java.util.function.DoubleUnaryOperator;

/**
 * A test {@link TailIndexTracker} whose "α" is Σ f(v) over the values it is handed, in double:
 * with f ≡ 1 it counts them, with f(v) = v² it sums their squares. Lets tests see what a hook
 * passed to its trackers.
 */
final class SummingTracker implements TailIndexTracker {
  private final String name;
  private final DoubleUnaryOperator f;

  SummingTracker(String name, DoubleUnaryOperator f) {
    this.name = name;
    this.f = f;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Accumulation start() {
    return new Accumulation() {
      double sum;

      @Override
      public void accept(float[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          sum += f.applyAsDouble(values[i]);
        }
      }

      @Override
      public double alpha() {
        return sum;
      }
    };
  }
}
