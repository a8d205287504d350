package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The noise of {@link NoisySgd} against its law: N(0, σ²η) per coordinate for Gaussian noise;
 * σ η^{1/α} times a unit symmetric α-stable variable for stable noise (Cauchy quantiles at α = 1,
 * the power tail C_α x^{−α} at α = 1.5, N(0, 2 s²) at α = 2). One step from θ = 0 with g = c
 * gives θ = −η c + noise, n = 200 000 coordinates.
 */
class NoisySgdTest {
  static final int N = 200_000;

  static double[] oneStep(NoisySgd opt, double gradient) {
    try (Fixture f = new Fixture().param("w", new double[N], N)) {
      double[] g = new double[N];
      Arrays.fill(g, gradient);
      f.grad(0, g);
      opt.update(f.context(0));
      return f.weight(0);
    }
  }

  @Test
  void gaussianNoiseHasVarianceSigmaSquaredEta() {
    double lr = 0.25;
    double sigma = 2;
    double c = 1;
    double[] w = oneStep(NoisySgd.builder().setLearningRate(lr).optSigma(sigma).optSeed(3).build(),
        c);
    double mean = 0;
    for (double x : w) {
      mean += x;
    }
    mean /= N;
    double m2 = 0;
    double m4 = 0;
    for (double x : w) {
      double d = x - mean;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= N;
    m4 /= N;
    // standard errors: mean 1/√n = 0.0022, variance √(2/n) = 0.0032, kurtosis √(24/n) = 0.011
    assertEquals(-lr * c, mean, 0.01, "mean = −η g");
    assertEquals(sigma * sigma * lr, m2, 0.02, "variance σ²η");
    assertEquals(3.0, m4 / (m2 * m2), 0.06, "kurtosis of a Gaussian");
  }

  static double quantile(double[] sorted, double p) {
    return sorted[(int) Math.floor(p * (sorted.length - 1))];
  }

  @Test
  void stableNoiseAtAlphaOneIsCauchy() {
    double[] w = oneStep(NoisySgd.builder().setLearningRate(1).optSigma(1).optStable(1.0)
        .optSeed(11).build(), 0);
    Arrays.sort(w);
    for (double p : new double[] {0.75, 0.9, 0.99, 0.01}) {
      double expected = Math.tan(Math.PI * (p - 0.5));
      assertEquals(expected, quantile(w, p), 0.08 * Math.abs(expected), "Cauchy quantile " + p);
    }
  }

  @Test
  void stableNoiseAtAlphaTwoIsGaussianWithVarianceTwo() {
    double lr = 0.09;
    double sigma = 0.5;
    double s = sigma * Math.sqrt(lr);
    double[] w = oneStep(NoisySgd.builder().setLearningRate(lr).optSigma(sigma).optStable(2.0)
        .optSeed(5).build(), 0);
    double m2 = 0;
    for (double x : w) {
      m2 += x * x;
    }
    assertEquals(2 * s * s, m2 / N, 2 * s * s * 0.02, "SαS(α=2) = N(0, 2σ²)");
  }

  @Test
  void stableNoiseHasThePowerTailOfIndexAlpha() {
    double alpha = 1.5;
    double lr = 0.04;
    double sigma = 2;
    double scale = sigma * Math.pow(lr, 1 / alpha);
    double[] w = oneStep(NoisySgd.builder().setLearningRate(lr).optSigma(sigma).optStable(alpha)
        .optSeed(9).build(), 0);
    int over20 = 0;
    int over80 = 0;
    for (double x : w) {
      double a = Math.abs(x) / scale;
      over20 += a > 20 ? 1 : 0;
      over80 += a > 80 ? 1 : 0;
    }
    // P(|X| > x) ~ C_α x^−α, C_α = (1 − α) / (Γ(2 − α) cos(πα/2)) (Samorodnitsky & Taqqu,
    // Property 1.2.15); Γ(½) = √π.
    double cAlpha = (1 - alpha) / (Math.sqrt(Math.PI) * Math.cos(Math.PI * alpha / 2));
    double expected20 = cAlpha * Math.pow(20, -alpha);
    assertEquals(expected20, over20 / (double) N, 0.15 * expected20, "P(|X| > 20)");
    double alphaHat = Math.log(over20 / (double) over80) / Math.log(4);
    assertEquals(alpha, alphaHat, 0.15, "tail slope between 20 and 80 scale units");
  }

  @Test
  void theStreamIsSeeded() {
    NoisySgd.Builder b = NoisySgd.builder().setLearningRate(0.1).optSigma(1);
    try (Fixture f1 = new Fixture().param("w", new double[64], 64);
        Fixture f2 = new Fixture().param("w", new double[64], 64);
        Fixture f3 = new Fixture().param("w", new double[64], 64)) {
      b.optSeed(42).build().update(f1.context(0));
      b.optSeed(42).build().update(f2.context(0));
      b.optSeed(43).build().update(f3.context(0));
      assertArrayEquals(f1.rawWeight(0), f2.rawWeight(0));
      assertFalse(Arrays.equals(f1.rawWeight(0), f3.rawWeight(0)));
    }
  }
}
