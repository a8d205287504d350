package org.heavytail.tailstats.estimate;

import java.util.Random;
import java.util.SplittableRandom;
import org.heavytail.tailstats.stable.StableDistribution;

/** Seeded test samples with known tail index. */
public final class Samples {

  private Samples() {}

  /** n symmetric α-stable samples of scale 1 from the project's sampler. */
  public static float[] sas(double alpha, int n, long seed) {
    float[] x = new float[n];
    StableDistribution.symmetric(alpha, 1).fill(seed, x);
    return x;
  }

  /** n standard Gaussian samples. */
  public static float[] gaussian(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** n Student-t samples with ν degrees of freedom (ν integer): ξ / √(χ²_ν/ν). */
  public static float[] studentT(int nu, int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double chi = 0;
      for (int j = 0; j < nu; j++) {
        double g = r.nextGaussian();
        chi += g * g;
      }
      x[i] = (float) (r.nextGaussian() / Math.sqrt(chi / nu));
    }
    return x;
  }

  /** n symmetric Pareto samples: ±U^{−1/α}, P(|X| > x) = x^{−α} for x ≥ 1. */
  public static float[] pareto(double alpha, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double v = Math.pow(1 - r.nextDouble(), -1 / alpha);
      x[i] = (float) (r.nextBoolean() ? v : -v);
    }
    return x;
  }
}
