package org.heavytail.datasets.synthetic;

import java.util.Random;
import org.heavytail.datasets.ArrayData;

/**
 * Synthetic Gaussian linear regression, the setting of Gürbüzbalaban, Şimşekli &amp; Zhu (ICML
 * 2021, "The heavy-tail phenomenon in SGD") and Hodgkinson &amp; Mahoney (ICML 2021):
 *
 * <pre>
 *   a_i ~ N(0, s² I_d)  i.i.d.,   y_i = a_iᵀ w* + σ ε_i,   ε_i ~ N(0, 1)  i.i.d.,
 *   w* ~ N(0, I_d)  (unless given),
 * </pre>
 *
 * with feature scale s ({@link Builder#optFeatureScale}, default 1) and noise σ ({@link
 * Builder#optNoise}, default 1). Result: {@link ArrayData} with features n × d (example shape
 * {d}), targets n × 1 (y), no labels; plus w*.
 *
 * <p>Random stream: one {@link java.util.Random} seeded with {@code seed} (whose Gaussian
 * method is specified by the JDK, so results are identical on every JVM); w* is drawn first
 * (d values), then for each i in order the d entries of a_i followed by ε_i.
 */
public final class GaussianLinearRegression {

  private final int n;
  private final int d;
  private final double noise;
  private final double featureScale;
  private final long seed;
  private final double[] trueWeights;

  private GaussianLinearRegression(Builder b) {
    this.n = b.n;
    this.d = b.d;
    this.noise = b.noise;
    this.featureScale = b.featureScale;
    this.seed = b.seed;
    this.trueWeights = b.trueWeights == null ? null : b.trueWeights.clone();
  }

  /** A builder; {@code setSize} and {@code setDimension} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Draws the data set. */
  public Sample generate() {
    Random rng = new Random(seed);
    double[] w = trueWeights;
    if (w == null) {
      w = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = rng.nextGaussian();
      }
    }
    float[] x = new float[Math.multiplyExact(n, d)];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double dot = 0;
      for (int j = 0; j < d; j++) {
        float a = (float) (featureScale * rng.nextGaussian());
        x[i * d + j] = a;
        dot += a * w[j];
      }
      y[i] = (float) (dot + noise * rng.nextGaussian());
    }
    ArrayData data = new ArrayData(x, new int[0], y, new long[] {d}, 0);
    return new Sample(data, w.clone(), noise, featureScale, seed);
  }

  /**
   * One draw of the regression set.
   *
   * @param data features a_i (n × d) and targets y_i (n × 1)
   * @param trueWeights w*
   * @param noise σ
   * @param featureScale s
   * @param seed the seed used
   */
  public record Sample(
      ArrayData data, double[] trueWeights, double noise, double featureScale, long seed) {}

  /** Builder for {@link GaussianLinearRegression}. */
  public static final class Builder {
    private int n = -1;
    private int d = -1;
    private double noise = 1.0;
    private double featureScale = 1.0;
    private long seed = 0L;
    private double[] trueWeights;

    private Builder() {}

    /** Number of examples n ≥ 1. */
    public Builder setSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n = " + n + ": expected n >= 1");
      }
      this.n = n;
      return this;
    }

    /** Dimension d ≥ 1. */
    public Builder setDimension(int d) {
      if (d < 1) {
        throw new IllegalArgumentException("d = " + d + ": expected d >= 1");
      }
      this.d = d;
      return this;
    }

    /** Noise standard deviation σ ≥ 0 (default 1). */
    public Builder optNoise(double sigma) {
      if (!(sigma >= 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("noise sigma = " + sigma + ": expected finite >= 0");
      }
      this.noise = sigma;
      return this;
    }

    /** Feature standard deviation s &gt; 0 (default 1). */
    public Builder optFeatureScale(double s) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("feature scale = " + s + ": expected finite > 0");
      }
      this.featureScale = s;
      return this;
    }

    /** Seed of the random stream (default 0). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Fixes w* instead of drawing it; its length must equal d. */
    public Builder optTrueWeights(double[] w) {
      this.trueWeights = w.clone();
      return this;
    }

    /** Validates and builds. */
    public GaussianLinearRegression build() {
      if (n < 1 || d < 1) {
        throw new IllegalStateException("setSize(n) and setDimension(d) are required (n = " + n
            + ", d = " + d + ")");
      }
      if (trueWeights != null && trueWeights.length != d) {
        throw new IllegalArgumentException("trueWeights length " + trueWeights.length
            + ": expected d = " + d);
      }
      return new GaussianLinearRegression(this);
    }
  }
}
