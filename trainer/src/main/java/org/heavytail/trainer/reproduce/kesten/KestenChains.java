package org.heavytail.trainer.reproduce.kesten;

import java.util.SplittableRandom;
import org.heavytail.trainer.reproduce.ParallelChains;

/**
 * Many independent runs of online SGD on one-dimensional Gaussian linear regression.
 *
 * <p>Each step draws a fresh minibatch of b examples a_i ~ N(0, 1), y_i = a_i θ* + σ ε_i with
 * ε_i ~ N(0, 1), and applies x_{k+1} = x_k − (η/b) Σ_{i∈B_k} a_i (a_i x_k − y_i) literally
 * (SCIENCE.md §4.1). After {@code steps} steps every chain's deviation x_K − θ* is one draw from
 * (nearly) the stationary law, so the returned array is an i.i.d. sample across chains: the
 * setting in which a tail estimator such as Hill is consistent.
 *
 * <p>Chains are simulated in fixed chunks, each with its own generator split from the seed in
 * chunk order, so the result depends on the seed only, not on the number of threads.
 *
 * @param eta step size η &gt; 0
 * @param batch minibatch size b ≥ 1
 * @param chains number of independent chains ≥ 1
 * @param steps SGD steps per chain ≥ 1 (the burn-in; the last iterate is kept)
 * @param noiseSd σ ≥ 0, the label-noise scale (σ = 0 makes x = θ* a fixed point)
 * @param target θ*, the regression coefficient
 * @param seed generator seed
 */
public record KestenChains(
    double eta, int batch, int chains, int steps, double noiseSd, double target, long seed) {

  private static final int CHUNK = 2048;

  /** Validates every field, naming it and the value found. */
  public KestenChains {
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("eta: expected a finite step size > 0, got " + eta);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch: expected >= 1, got " + batch);
    }
    if (chains < 1) {
      throw new IllegalArgumentException("chains: expected >= 1, got " + chains);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps: expected >= 1, got " + steps);
    }
    if (!(noiseSd >= 0) || Double.isInfinite(noiseSd)) {
      throw new IllegalArgumentException("noiseSd: expected a finite value >= 0, got " + noiseSd);
    }
  }

  /** Chains with σ = 1, θ* = 1. */
  public static KestenChains of(double eta, int batch, int chains, int steps, long seed) {
    return new KestenChains(eta, batch, chains, steps, 1.0, 1.0, seed);
  }

  /** Runs every chain (in parallel over chunks) and returns x_K − θ* per chain. */
  public double[] simulate() {
    double[] out = new double[chains];
    ParallelChains.run(chains, CHUNK, seed, (j, rng) -> out[j] = runChain(rng) - target);
    return out;
  }

  private double runChain(SplittableRandom rng) {
    double x = 0.0;
    double scale = eta / batch;
    for (int k = 0; k < steps; k++) {
      double grad = 0.0;
      for (int i = 0; i < batch; i++) {
        double a = rng.nextGaussian();
        double y = a * target + noiseSd * rng.nextGaussian();
        grad += a * (a * x - y);
      }
      x -= scale * grad;
      if (!Double.isFinite(x)) {
        return x;
      }
    }
    return x;
  }
}
