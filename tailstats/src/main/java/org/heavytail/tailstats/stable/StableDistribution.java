package org.heavytail.tailstats.stable;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

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
  private volatile NolanIntegral nolan;

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
    return location - beta * scale * NolanIntegral.tanPiAlphaHalf(alpha);
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
                : d1 + beta * scale * NolanIntegral.tanPiAlphaHalf(alpha);
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

  private NolanIntegral nolan() {
    NolanIntegral n = nolan;
    if (n == null) {
      n = new NolanIntegral(alpha, beta);
      nolan = n;
    }
    return n;
  }

  /** The S0 location δ₀ of this law. */
  private double location0() {
    return parameterization == Parameterization.S0
        ? location
        : toParameterization(Parameterization.S0).location();
  }

  /** (x − δ₀)/γ: the argument of the standard S0 functions. */
  private double standardize(double x) {
    return (x - location0()) / scale;
  }

  /**
   * The characteristic function E e^(itX) in this law's parameterization (formulas in {@link
   * Parameterization}).
   */
  public Complex characteristicFunction(double t) {
    if (t == 0) {
      return new Complex(1, 0);
    }
    double at = Math.abs(t);
    double sign = Math.signum(t);
    double re;
    double im;
    if (alpha == 1) {
      double mag = scale * at;
      double logArg = parameterization == Parameterization.S1 ? Math.log(at) : Math.log(mag);
      re = -mag;
      im = -mag * beta * (2 / Math.PI) * sign * logArg + location * t;
    } else {
      double mag = Math.pow(scale * at, alpha);
      double tan = NolanIntegral.tanPiAlphaHalf(alpha);
      re = -mag;
      if (parameterization == Parameterization.S1) {
        im = mag * beta * tan * sign + location * t;
      } else {
        im = -mag * beta * tan * sign * (Math.pow(scale * at, 1 - alpha) - 1) + location * t;
      }
    }
    return Complex.exp(re, im);
  }

  /**
   * The density f(x), by Nolan's (1997) integral representation (see {@code NolanIntegral}:
   * split at the integrand's peak, tanh-sinh quadrature, about 1e-12 relative or better away
   * from the band 0 &lt; |α − 1| &lt; 2e-5, where S0 values are interpolated in α).
   */
  public double pdf(double x) {
    return nolan().pdf(standardize(x)) / scale;
  }

  /** The density at each point; arrays of 64 points or more are evaluated in parallel. */
  public double[] pdf(double[] x) {
    double[] out = new double[x.length];
    NolanIntegral n = nolan();
    double d0 = location0();
    IntStream range = IntStream.range(0, x.length);
    if (x.length >= 64) {
      range = range.parallel();
    }
    range.forEach(i -> out[i] = n.pdf((x[i] - d0) / scale) / scale);
    return out;
  }

  /** The distribution function F(x) = P(X ≤ x), accurate in relative terms in the lower tail. */
  public double cdf(double x) {
    return nolan().cdf(standardize(x));
  }

  /**
   * The survival function 1 − F(x) = P(X &gt; x), integrated directly, hence accurate in relative
   * terms in the upper tail (where 1 − {@link #cdf(double)} would cancel).
   */
  public double survival(double x) {
    return nolan().sf(standardize(x));
  }

  /**
   * The p-quantile: x with F(x) = p, by Brent's method on F(x) − p for p ≤ 1/2 and on (1 −
   * F(x)) − (1 − p) for p &gt; 1/2, after bracketing outward from the S0 location by factors of
   * 8; relative accuracy about 1e-13 in x.
   *
   * @throws IllegalArgumentException unless 0 ≤ p ≤ 1
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "StableDistribution.quantile: p = " + p + ", expected 0 <= p <= 1");
    }
    return location0() + scale * standardQuantile(p);
  }

  private double standardQuantile(double p) {
    NolanIntegral n = nolan();
    if (p == 0) {
      return lowerSupport(n);
    }
    if (p == 1) {
      return upperSupport(n);
    }
    boolean lower = p <= 0.5;
    double target = lower ? p : 1 - p;
    // g increasing in z
    java.util.function.DoubleUnaryOperator g =
        lower ? z -> n.cdf(z) - target : z -> target - n.sf(z);
    double a = -1;
    double b = 1;
    double ga = g.applyAsDouble(a);
    double gb = g.applyAsDouble(b);
    while (ga > 0) {
      b = a;
      gb = ga;
      a *= 8;
      if (a < -1e300) {
        return lowerSupport(n);
      }
      ga = g.applyAsDouble(a);
    }
    while (gb < 0) {
      a = b;
      ga = gb;
      b *= 8;
      if (b > 1e300) {
        return upperSupport(n);
      }
      gb = g.applyAsDouble(b);
    }
    return Brent.root(g, a, b, ga, gb, 1e-15);
  }

  private double lowerSupport(NolanIntegral n) {
    return alpha < 1 && beta == 1 ? n.zeta() : Double.NEGATIVE_INFINITY;
  }

  private double upperSupport(NolanIntegral n) {
    return alpha < 1 && beta == -1 ? n.zeta() : Double.POSITIVE_INFINITY;
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
