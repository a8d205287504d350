package org.heavytail.tailstats.stable;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The α-stable law S(α, β, γ, δ; k) in Nolan's parameterization k ∈ {S0, S1} (see {@link
 * Parameterization} for both characteristic functions). Immutable; build with {@link #of(double,
 * double, double, double)} (S1, the parameterization of Samorodnitsky–Taqqu, of the
 * Chambers–Mallows–Stuck sampler and of {@code scipy.stats.levy_stable}'s default) or {@link
 * #of(double, double, double, double, Parameterization)}.
 *
 * <p>Closed forms: α = 2 is N(δ, 2γ²) whatever β; α = 1, β = 0 is Cauchy(δ, γ); α = 1/2, β = 1 in
 * S1 is Lévy(δ, γ) with density √(γ/2π) (x−δ)^(−3/2) exp(−γ/(2(x−δ))).
 *
 * <p>Sampling: Chambers, Mallows and Stuck (1976) in Weron's (1996) form, symmetric case as the
 * short path; see {@link #sample(long, int)}.
 */
public final class StableDistribution {

  private final double alpha;
  private final double beta;
  private final double scale;
  private final double location;
  private final Parameterization parameterization;
  /** X = scale · Z + shift with Z ~ S(α, β, 1, 0; 1). */
  private final double shift;

  private volatile ChambersMallowsStuck sampler;

  private StableDistribution(
      double alpha, double beta, double scale, double location, Parameterization p) {
    this.alpha = alpha;
    this.beta = beta;
    this.scale = scale;
    this.location = location;
    this.parameterization = p;
    this.shift = location1(alpha, beta, scale, location, p) + oneShift(alpha, beta, scale);
  }

  /**
   * S(α, β, γ, δ; S1).
   *
   * @param alpha stability index, 0 &lt; α ≤ 2
   * @param beta skewness, −1 ≤ β ≤ 1
   * @param scale γ &gt; 0
   * @param location δ₁, finite
   * @throws IllegalArgumentException naming the parameter, its value and the allowed range
   */
  public static StableDistribution of(double alpha, double beta, double scale, double location) {
    return of(alpha, beta, scale, location, Parameterization.S1);
  }

  /**
   * S(α, β, γ, δ; k).
   *
   * @throws IllegalArgumentException naming the parameter, its value and the allowed range
   */
  public static StableDistribution of(
      double alpha, double beta, double scale, double location, Parameterization k) {
    Objects.requireNonNull(k, "parameterization");
    if (!(alpha > 0 && alpha <= 2)) {
      throw new IllegalArgumentException(
          "StableDistribution: alpha = " + alpha + ", expected 0 < alpha <= 2");
    }
    if (!(beta >= -1 && beta <= 1)) {
      throw new IllegalArgumentException(
          "StableDistribution: beta = " + beta + ", expected -1 <= beta <= 1");
    }
    if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "StableDistribution: scale = " + scale + ", expected finite scale > 0");
    }
    if (!Double.isFinite(location)) {
      throw new IllegalArgumentException(
          "StableDistribution: location = " + location + ", expected a finite number");
    }
    return new StableDistribution(alpha, beta, scale, location, k);
  }

  /** The symmetric law SαS(γ) = S(α, 0, γ, 0), identical in S0 and S1. */
  public static StableDistribution symmetric(double alpha, double scale) {
    return of(alpha, 0, scale, 0, Parameterization.S1);
  }

  /** The S1 location δ₁ of the law given in parameterization {@code k}. */
  static double location1(
      double alpha, double beta, double scale, double location, Parameterization k) {
    if (k == Parameterization.S1 || beta == 0) {
      return location;
    }
    if (alpha == 1) {
      return location - beta * (2 / Math.PI) * scale * Math.log(scale);
    }
    return location - beta * scale * Math.tan(Math.PI * alpha / 2);
  }

  /** The extra shift of γZ at α = 1 in S1: X = γZ + δ₁ + β(2/π)γ log γ. */
  private static double oneShift(double alpha, double beta, double scale) {
    return alpha == 1 && beta != 0 ? beta * (2 / Math.PI) * scale * Math.log(scale) : 0;
  }

  /** The same law expressed in parameterization {@code k} (only the location changes). */
  public StableDistribution toParameterization(Parameterization k) {
    if (k == parameterization) {
      return this;
    }
    double d1 = location1(alpha, beta, scale, location, parameterization);
    if (k == Parameterization.S1) {
      return new StableDistribution(alpha, beta, scale, d1, k);
    }
    double d0 =
        beta == 0
            ? d1
            : alpha == 1
                ? d1 + beta * (2 / Math.PI) * scale * Math.log(scale)
                : d1 + beta * scale * Math.tan(Math.PI * alpha / 2);
    return new StableDistribution(alpha, beta, scale, d0, k);
  }

  /** α, the stability (tail) index. */
  public double alpha() {
    return alpha;
  }

  /** β, the skewness. */
  public double beta() {
    return beta;
  }

  /** γ, the scale. */
  public double scale() {
    return scale;
  }

  /** δ, the location in {@link #parameterization()}. */
  public double location() {
    return location;
  }

  /** Which of Nolan's parameterizations {@link #location()} refers to. */
  public Parameterization parameterization() {
    return parameterization;
  }

  /** True when β = 0 (or α = 2, where β has no effect). */
  public boolean isSymmetric() {
    return beta == 0 || alpha == 2;
  }

  private ChambersMallowsStuck sampler() {
    ChambersMallowsStuck s = sampler;
    if (s == null) {
      s = new ChambersMallowsStuck(alpha, alpha == 2 ? 0 : beta);
      sampler = s;
    }
    return s;
  }

  /** One draw from the law, consuming {@code rng}. */
  public double sample(SplittableRandom rng) {
    return scale * sampler().next(rng) + shift;
  }

  /**
   * {@code n} independent draws by Chambers–Mallows–Stuck (Weron 1996 form). Deterministic in
   * {@code rng}'s state and {@code n}: arrays longer than 32768 are filled in parallel chunks,
   * each from a generator split off {@code rng} in chunk order.
   */
  public double[] sample(SplittableRandom rng, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("StableDistribution.sample: n = " + n + ", expected n >= 0");
    }
    double[] out = new double[n];
    fill(rng, out);
    return out;
  }

  /** {@code n} draws from {@code new SplittableRandom(seed)}. */
  public double[] sample(long seed, int n) {
    return sample(new SplittableRandom(seed), n);
  }

  /** Fills {@code out} with independent draws (see {@link #sample(SplittableRandom, int)}). */
  public void fill(SplittableRandom rng, double[] out) {
    sampler().fill(rng, out, scale, shift);
  }

  /** Fills {@code out} with independent draws rounded to float. */
  public void fill(SplittableRandom rng, float[] out) {
    sampler().fill(rng, out, scale, shift);
  }

  /** Fills {@code out} with draws from {@code new SplittableRandom(seed)}. */
  public void fill(long seed, float[] out) {
    fill(new SplittableRandom(seed), out);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StableDistribution)) {
      return false;
    }
    StableDistribution d = (StableDistribution) o;
    return Double.compare(alpha, d.alpha) == 0
        && Double.compare(beta, d.beta) == 0
        && Double.compare(scale, d.scale) == 0
        && Double.compare(location, d.location) == 0
        && parameterization == d.parameterization;
  }

  @Override
  public int hashCode() {
    return Objects.hash(alpha, beta, scale, location, parameterization);
  }

  @Override
  public String toString() {
    return "S(alpha=" + alpha + ", beta=" + beta + ", scale=" + scale + ", location=" + location
        + "; " + parameterization + ")";
  }
}
