package org.heavytail.trainer.reproduce.optimizers;

import java.util.SplittableRandom;
import org.heavytail.tailstats.stable.StableDistribution;
import org.heavytail.trainer.reproduce.ParallelChains;

/**
 * Escape from the left well of a {@link DoubleWell} under noisy gradient descent
 * x_{k+1} = x_k − η (f'(x_k) + noise_k), with the noise of a {@link NoiseKind}.
 *
 * <p>Every chain starts at x = −1 and runs until it first reaches x ≥ +1/2 (it has hopped into
 * the right basin) or until {@code maxSteps}. The escape rate per step is the censored
 * exponential maximum-likelihood estimate: escapes / Σ_i min(T_i, maxSteps).
 *
 * @param well the landscape
 * @param noise the kind of gradient noise
 * @param eta step size η &gt; 0
 * @param sigma noise level σ &gt; 0 (standard deviation at the minima, see {@link NoiseKind})
 * @param stableAlpha α of the stable noise, in (0, 2]
 * @param batch b of the χ²_b in multiplicative noise, ≥ 1
 * @param chains number of chains ≥ 1
 * @param maxSteps horizon per chain ≥ 1
 * @param seed generator seed
 */
public record BasinHopping(
    DoubleWell well, NoiseKind noise, double eta, double sigma, double stableAlpha, int batch,
    int chains, int maxSteps, long seed) {

  private static final int CHUNK = 64;

  /** Validates the parameters, naming any bad one. */
  public BasinHopping {
    if (!(eta > 0)) {
      throw new IllegalArgumentException("eta: expected > 0, got " + eta);
    }
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma: expected > 0, got " + sigma);
    }
    if (!(stableAlpha > 0 && stableAlpha <= 2)) {
      throw new IllegalArgumentException("stableAlpha: expected in (0, 2], got " + stableAlpha);
    }
    if (batch < 1 || chains < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("batch, chains, maxSteps: expected >= 1, got " + batch
          + ", " + chains + ", " + maxSteps);
    }
  }

  /**
   * The outcome.
   *
   * @param escapes chains that reached x ≥ 1/2
   * @param stepsAtRisk Σ_i min(T_i, maxSteps)
   * @param ratePerStep escapes / stepsAtRisk
   * @param meanLossAtEnd mean f(x) over chains at their last step (a stability diagnostic)
   */
  public record Outcome(int escapes, long stepsAtRisk, double ratePerStep, double meanLossAtEnd) {
    /** Rate per unit of gradient-flow time t = kη. */
    public double ratePerTime(double eta) {
      return ratePerStep / eta;
    }
  }

  /** Runs all chains (parallel over fixed chunks; the result depends on the seed only). */
  public Outcome run() {
    long[] times = new long[chains];
    double[] endLoss = new double[chains];
    StableDistribution stable = StableDistribution.symmetric(stableAlpha, sigma / Math.sqrt(2));
    ParallelChains.run(chains, CHUNK, seed, (j, rng) -> {
      double[] res = runChain(rng, stable);
      times[j] = (long) res[0];
      endLoss[j] = res[1];
    });
    int escapes = 0;
    long risk = 0;
    double loss = 0;
    for (int j = 0; j < chains; j++) {
      if (times[j] <= maxSteps) {
        escapes++;
      }
      risk += Math.min(times[j], maxSteps);
      loss += endLoss[j];
    }
    return new Outcome(escapes, risk, (double) escapes / risk, loss / chains);
  }

  /** {first passage step (maxSteps + 1 when none), loss at the last step}. */
  private double[] runChain(SplittableRandom rng, StableDistribution stable) {
    double x = -1.0;
    double chiScale = sigma / Math.sqrt(2.0 / batch);
    for (int k = 1; k <= maxSteps; k++) {
      double n;
      switch (noise) {
        case GAUSSIAN_ADDITIVE -> n = sigma * rng.nextGaussian();
        case STABLE_ADDITIVE -> n = stable.sample(rng);
        default -> {
          double chi = 0;
          for (int i = 0; i < batch; i++) {
            double a = rng.nextGaussian();
            chi += a * a;
          }
          n = chiScale * (chi / batch - 1) * x;
        }
      }
      x -= eta * (well.gradient(x) + n);
      if (x >= 0.5) {
        return new double[] {k, well.loss(x)};
      }
    }
    return new double[] {maxSteps + 1, well.loss(x)};
  }

  /** A copy with another noise level. */
  public BasinHopping withSigma(double newSigma) {
    return new BasinHopping(well, noise, eta, newSigma, stableAlpha, batch, chains, maxSteps, seed);
  }

  /** A copy on another landscape. */
  public BasinHopping withWell(DoubleWell newWell) {
    return new BasinHopping(newWell, noise, eta, sigma, stableAlpha, batch, chains, maxSteps,
        seed);
  }

  /**
   * The noise level σ at which this setup's escape rate per step is {@code targetRate}, by
   * bisection on log σ over [lo, hi] with common random numbers (the same seed at every σ), so
   * that the noises are compared at equal escape rate over the lowest barrier.
   *
   * @throws IllegalArgumentException when the target rate is not bracketed by [lo, hi]
   */
  public double calibrateSigma(double targetRate, double lo, double hi, int iterations) {
    double rLo = withSigma(lo).run().ratePerStep();
    double rHi = withSigma(hi).run().ratePerStep();
    if (!(rLo <= targetRate && rHi >= targetRate)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "calibrateSigma(%s): rates %.3g at sigma=%.3g and %.3g at sigma=%.3g do not bracket "
              + "the target %.3g", noise.label(), rLo, lo, rHi, hi, targetRate));
    }
    double a = Math.log(lo);
    double b = Math.log(hi);
    for (int i = 0; i < iterations; i++) {
      double mid = 0.5 * (a + b);
      if (withSigma(Math.exp(mid)).run().ratePerStep() < targetRate) {
        a = mid;
      } else {
        b = mid;
      }
    }
    return Math.exp(0.5 * (a + b));
  }
}
