package org.heavytail.trainer.reproduce.optimizers;

import java.util.SplittableRandom;
import org.heavytail.trainer.reproduce.ParallelChains;

/**
 * Independent chains of a {@link ToyOptimizer} on online one-dimensional least squares: each
 * step draws b fresh examples a_i ~ N(0, s²), y_i = a_i θ* + σ ε_i (θ* = 1, σ = 1). Returns, per
 * chain, the last iterate's deviation x_K − θ* and the last update x_K − x_{K−1}: i.i.d. samples
 * across chains for a tail estimator.
 *
 * @param optimizer the update rule
 * @param eta step size η &gt; 0
 * @param batch b ≥ 1
 * @param dataScale s &gt; 0, the standard deviation of the features (data variability)
 * @param chains ≥ 1
 * @param steps ≥ 2
 * @param seed generator seed
 */
public record ToyChains(
    ToyOptimizer optimizer, double eta, int batch, double dataScale, int chains, int steps,
    long seed) {

  private static final int CHUNK = 2048;
  private static final double MOMENTUM = 0.9;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  /** Validates, naming any bad field. */
  public ToyChains {
    if (!(eta > 0) || !(dataScale > 0)) {
      throw new IllegalArgumentException("eta, dataScale: expected > 0, got " + eta + ", "
          + dataScale);
    }
    if (batch < 1 || chains < 1 || steps < 2) {
      throw new IllegalArgumentException("batch >= 1, chains >= 1, steps >= 2 expected, got "
          + batch + ", " + chains + ", " + steps);
    }
  }

  /** {deviations x_K − θ*, updates x_K − x_{K−1}}, one entry per chain. */
  public double[][] simulate() {
    double[] dev = new double[chains];
    double[] upd = new double[chains];
    ParallelChains.run(chains, CHUNK, seed, (j, rng) -> {
      double[] out = new double[2];
      runChain(rng, out);
      dev[j] = out[0];
      upd[j] = out[1];
    });
    return new double[][] {dev, upd};
  }

  private void runChain(SplittableRandom rng, double[] out) {
    final double target = 1.0;
    double x = 0.0;
    double prev = 0.0;
    double v = 0.0;
    double m = 0.0;
    double s2 = 0.0;
    double b1t = 1.0;
    double b2t = 1.0;
    for (int k = 1; k <= steps; k++) {
      prev = x;
      double g = 0.0;
      double h = 0.0;
      if (optimizer != ToyOptimizer.GAUSSIAN_GD) {
        for (int i = 0; i < batch; i++) {
          double a = dataScale * rng.nextGaussian();
          double y = a * target + rng.nextGaussian();
          g += a * (a * x - y);
          h += a * a;
        }
        g /= batch;
        h /= batch;
      }
      switch (optimizer) {
        case SGD -> x -= eta * g;
        case MOMENTUM -> {
          v = MOMENTUM * v + g;
          x -= eta * v;
        }
        case ADAM -> {
          m = BETA1 * m + (1 - BETA1) * g;
          s2 = BETA2 * s2 + (1 - BETA2) * g * g;
          b1t *= BETA1;
          b2t *= BETA2;
          double mh = m / (1 - b1t);
          double vh = s2 / (1 - b2t);
          x -= eta * mh / (Math.sqrt(vh) + EPS);
        }
        case NEWTON -> x -= eta * g / h;
        case GAUSSIAN_GD -> x -= eta * (dataScale * dataScale * (x - target)
            + dataScale * rng.nextGaussian() / Math.sqrt(batch));
        default -> throw new IllegalStateException(optimizer.name());
      }
    }
    out[0] = x - target;
    out[1] = x - prev;
  }
}
