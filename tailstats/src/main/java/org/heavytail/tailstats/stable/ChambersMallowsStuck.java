package org.heavytail.tailstats.stable;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The Chambers–Mallows–Stuck (1976) generator of the standard stable law Z ~ S(α, β, 1, 0; 1), in
 * the form of Weron (1996), eq. (3.1)–(3.2). With V uniform on (−π/2, π/2) and W standard
 * exponential, independent:
 *
 * <pre>
 *   α ≠ 1:  B = arctan(β tan(πα/2)) / α,  S = (1 + β² tan²(πα/2))^(1/(2α)),
 *           Z = S sin(α(V + B)) / (cos V)^(1/α) · (cos(V − α(V + B)) / W)^((1−α)/α)
 *   α = 1:  Z = (2/π) [ (π/2 + βV) tan V − β log( (π/2) W cos V / (π/2 + βV) ) ]
 * </pre>
 *
 * <p>The symmetric case β = 0 (B = 0, S = 1) takes a shorter path with the same formula; α = 2
 * draws √2·N(0, 1) (the formula's limit, Z = 2 sin V √W) and α = 1, β = 0 draws tan V (Cauchy).
 * W comes from the JDK's ziggurat {@code nextExponential()}.
 *
 * <p>Arrays longer than {@link #CHUNK} are filled in chunks of that size, each with its own
 * generator {@code split()} from the caller's in chunk order, then run in parallel: the output
 * depends only on the seed and the length, not on the number of threads.
 */
final class ChambersMallowsStuck {

  /** Samples per independently seeded chunk for parallel fills. */
  static final int CHUNK = 1 << 15;

  private static final double HALF_PI = Math.PI / 2;
  private static final double SQRT2 = Math.sqrt(2);

  private enum Path {
    GAUSS,
    CAUCHY,
    SYMMETRIC,
    GENERAL,
    ALPHA_ONE
  }

  private final double alpha;
  private final double beta;
  private final double invAlpha;
  private final double oneMinusAlpha;
  private final double b; // B·α = arctan(β tan(πα/2))
  private final double s; // S
  private final Path path;

  ChambersMallowsStuck(double alpha, double beta) {
    this.alpha = alpha;
    this.beta = beta;
    this.invAlpha = 1 / alpha;
    this.oneMinusAlpha = 1 - alpha;
    if (alpha == 2) {
      path = Path.GAUSS;
      b = 0;
      s = 1;
    } else if (alpha == 1) {
      path = beta == 0 ? Path.CAUCHY : Path.ALPHA_ONE;
      b = 0;
      s = 1;
    } else if (beta == 0) {
      path = Path.SYMMETRIC;
      b = 0;
      s = 1;
    } else {
      path = Path.GENERAL;
      double bt = beta * Math.tan(HALF_PI * alpha);
      b = Math.atan(bt);
      s = Math.pow(1 + bt * bt, 1 / (2 * alpha));
    }
  }

  /** One draw of Z ~ S(α, β, 1, 0; 1). */
  double next(SplittableRandom rng) {
    switch (path) {
      case GAUSS:
        return SQRT2 * rng.nextGaussian();
      case CAUCHY:
        return Math.tan(Math.PI * (rng.nextDouble() - 0.5));
      case SYMMETRIC:
        {
          double v = Math.PI * (rng.nextDouble() - 0.5);
          double w = rng.nextExponential();
          double av = alpha * v;
          double e =
              (oneMinusAlpha * (Math.log(Math.cos(v - av)) - Math.log(w)) - Math.log(Math.cos(v)))
                  * invAlpha;
          return Math.sin(av) * Math.exp(e);
        }
      case GENERAL:
        {
          double v = Math.PI * (rng.nextDouble() - 0.5);
          double w = rng.nextExponential();
          double avb = alpha * v + b;
          double e =
              (oneMinusAlpha * (Math.log(Math.cos(v - avb)) - Math.log(w)) - Math.log(Math.cos(v)))
                  * invAlpha;
          return s * Math.sin(avb) * Math.exp(e);
        }
      default:
        {
          double v = Math.PI * (rng.nextDouble() - 0.5);
          double w = rng.nextExponential();
          double hb = HALF_PI + beta * v;
          return (hb * Math.tan(v) - beta * Math.log(HALF_PI * w * Math.cos(v) / hb)) / HALF_PI;
        }
    }
  }

  /** Fills {@code out[from, to)} with γZ + shift. */
  private void fillRange(SplittableRandom rng, double[] out, int from, int to, double g, double c) {
    for (int i = from; i < to; i++) {
      out[i] = g * next(rng) + c;
    }
  }

  private void fillRange(SplittableRandom rng, float[] out, int from, int to, double g, double c) {
    for (int i = from; i < to; i++) {
      out[i] = (float) (g * next(rng) + c);
    }
  }

  /** Fills {@code out} with γZ + shift, in parallel chunks when longer than {@link #CHUNK}. */
  void fill(SplittableRandom rng, double[] out, double scale, double shift) {
    int n = out.length;
    if (n <= CHUNK) {
      fillRange(rng, out, 0, n, scale, shift);
      return;
    }
    SplittableRandom[] rngs = chunkGenerators(rng, n);
    IntStream.range(0, rngs.length)
        .parallel()
        .forEach(
            k ->
                fillRange(
                    rngs[k], out, k * CHUNK, (int) Math.min((long) (k + 1) * CHUNK, n), scale,
                    shift));
  }

  /** Float variant of {@link #fill(SplittableRandom, double[], double, double)}. */
  void fill(SplittableRandom rng, float[] out, double scale, double shift) {
    int n = out.length;
    if (n <= CHUNK) {
      fillRange(rng, out, 0, n, scale, shift);
      return;
    }
    SplittableRandom[] rngs = chunkGenerators(rng, n);
    IntStream.range(0, rngs.length)
        .parallel()
        .forEach(
            k ->
                fillRange(
                    rngs[k], out, k * CHUNK, (int) Math.min((long) (k + 1) * CHUNK, n), scale,
                    shift));
  }

  private static SplittableRandom[] chunkGenerators(SplittableRandom rng, int n) {
    int chunks = (int) ((n + (long) CHUNK - 1) / CHUNK);
    SplittableRandom[] rngs = new SplittableRandom[chunks];
    for (int k = 0; k < chunks; k++) {
      rngs[k] = rng.split();
    }
    return rngs;
  }
}
