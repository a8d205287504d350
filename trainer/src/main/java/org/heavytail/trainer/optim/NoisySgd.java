package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.heavytail.tailstats.stable.StableDistribution;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * SGD with additive noise, the light-tailed (Gaussian) and heavy-tailed (α-stable) controls of
 * the multiplicative-noise study (Hodgkinson &amp; Mahoney 2021, "Multiplicative noise and heavy
 * tails in stochastic optimization", ICML, §5: SGD plus additive noise).
 *
 * <ul>
 *   <li><b>Gaussian</b> ({@code noise=gaussian}, default), the Euler–Maruyama step of the
 *       Langevin diffusion dθ = −∇L dt + σ dB (Welling &amp; Teh 2011 with σ² = 2/temperature):
 *       <pre>θ ← θ − η g' + σ √η ξ,   ξ ~ N(0, I)</pre>
 *       so each coordinate receives noise of variance σ²η.
 *   <li><b>α-stable</b> ({@code noise=stable alpha=α}, 0 &lt; α &lt;= 2), the Euler step of the
 *       Lévy-driven SDE dθ = −∇L dt + σ dL^α (Şimşekli, Sagun &amp; Gürbüzbalaban 2019):
 *       <pre>θ ← θ − η g' + σ η^{1/α} ξ,   ξ_i iid SαS(1)</pre>
 *       where SαS(1) has characteristic function E e^{itξ} = exp(−|t|^α) (unit scale; S0 = S1
 *       for the symmetric law, Samorodnitsky &amp; Taqqu 1994). α = 2 gives ξ ~ N(0, 2), not N(0,
 *       1); α = 1 gives the standard Cauchy. ξ is drawn by {@link StableDistribution} (Chambers,
 *       Mallows &amp; Stuck 1976).
 * </ul>
 *
 * g' = g + λθ (coupled weight decay). <b>Random stream</b>: the noise of update t (1-based) for the
 * j-th parameter of {@link UpdateContext#parameters()} comes from a {@link SplittableRandom}
 * seeded by a SplitMix64 hash of ({@code seed}, t, j), drawn on the Java side in double precision
 * and rounded to float. The noise is thus a pure function of (seed, t, j): the saved state holds
 * t and the seed ({@code seed.hi}, {@code seed.lo}: its two 32-bit halves), so a resumed run
 * draws exactly the noise the uninterrupted run would have. Cost: one host-to-engine copy of d
 * floats per step (stable draws of large parameters are filled in parallel chunks).
 */
public final class NoisySgd extends AbstractOptimizer {

  /** The noise law. */
  public enum Noise {
    /** ξ ~ N(0, I), step scale σ√η. */
    GAUSSIAN,
    /** ξ_i iid SαS with unit scale, step scale σ η^{1/α}. */
    STABLE
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final Noise noise;
  private final double sigma;
  private final double alpha;
  private final StableDistribution stable;
  private long seed;

  private NoisySgd(Builder b) {
    super("noisy-sgd", b);
    this.noise = b.noise;
    this.sigma = b.sigma;
    this.alpha = b.alpha;
    this.stable = b.noise == Noise.STABLE ? StableDistribution.symmetric(b.alpha, 1) : null;
    this.seed = b.seed;
  }

  /** A builder: {@code setLearningRate} is required; σ = 0 (no noise) until set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The noise law. */
  public Noise noise() {
    return noise;
  }

  /** σ. */
  public double sigma() {
    return sigma;
  }

  /** α (2 for Gaussian noise). */
  public double alpha() {
    return noise == Noise.GAUSSIAN ? 2 : alpha;
  }

  /** The seed of the noise stream. */
  public long seed() {
    return seed;
  }

  @Override
  protected void updateAll(UpdateContext step, double lr, long t) {
    List<ParameterSlot> params = step.parameters();
    for (int j = 0; j < params.size(); j++) {
      ParameterSlot p = params.get(j);
      NDArray w = p.weight();
      w.subi(decayedGradient(p).mul(lr));
      if (sigma == 0) {
        continue;
      }
      SplittableRandom rng = new SplittableRandom(streamKey(seed, t, j));
      float[] xi = new float[Math.toIntExact(w.size())];
      if (noise == Noise.GAUSSIAN) {
        double scale = sigma * Math.sqrt(lr);
        for (int i = 0; i < xi.length; i++) {
          xi[i] = (float) (scale * rng.nextGaussian());
        }
      } else {
        stable.fill(rng, xi);
        float scale = (float) (sigma * Math.pow(lr, 1 / alpha));
        for (int i = 0; i < xi.length; i++) {
          xi[i] *= scale;
        }
      }
      NDArray n = w.getManager().create(FloatBuffer.wrap(xi), w.getShape(), DataType.FLOAT32);
      if (w.getDataType() != DataType.FLOAT32) {
        n = n.toType(w.getDataType(), false);
      }
      if (!n.getDevice().equals(w.getDevice())) {
        n = n.toDevice(w.getDevice(), false);
      }
      w.addi(n);
    }
  }

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    throw new UnsupportedOperationException("noisy-sgd updates all parameters together");
  }

  /** The SplitMix64 finaliser (Steele, Lea &amp; Flood 2014), a bijection of 64-bit words. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The seed of the stream of update t, parameter j. */
  static long streamKey(long seed, long t, int j) {
    return mix64(mix64(mix64(seed) + GOLDEN * t) + GOLDEN * (j + 1L));
  }

  @Override
  protected void saveExtra(Map<String, float[]> arrays, Map<String, Double> scalars) {
    scalars.put("seed.hi", (double) (seed >>> 32));
    scalars.put("seed.lo", (double) (seed & 0xFFFFFFFFL));
  }

  @Override
  protected void loadExtra(OptimizerState state) {
    Double hi = state.scalars().get("seed.hi");
    Double lo = state.scalars().get("seed.lo");
    if (hi == null || lo == null) {
      throw new IllegalArgumentException(
          "noisy-sgd: optimizer state lacks scalars 'seed.hi'/'seed.lo' (the random stream)");
    }
    seed = (hi.longValue() << 32) | (lo.longValue() & 0xFFFFFFFFL);
  }

  /** Builder of {@link NoisySgd}. */
  public static final class Builder extends BaseBuilder<Builder> {
    Noise noise = Noise.GAUSSIAN;
    double sigma;
    double alpha = 2;
    long seed;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** Gaussian noise (the default). */
    public Builder optGaussian() {
      this.noise = Noise.GAUSSIAN;
      return this;
    }

    /** Symmetric α-stable noise of index α in (0, 2]. */
    public Builder optStable(double alpha) {
      if (!(alpha > 0 && alpha <= 2)) {
        throw new IllegalArgumentException(
            "optimizer option 'alpha' = " + alpha + ": expected a stable index in (0, 2]");
      }
      this.noise = Noise.STABLE;
      this.alpha = alpha;
      return this;
    }

    /** The noise scale σ &gt;= 0. */
    public Builder optSigma(double sigma) {
      if (!(sigma >= 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException(
            "optimizer option 'sigma' = " + sigma + ": expected a finite value >= 0");
      }
      this.sigma = sigma;
      return this;
    }

    /** The seed of the noise stream (default 0). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds the optimizer. */
    public NoisySgd build() {
      checkLearningRate("noisy-sgd");
      return new NoisySgd(this);
    }
  }

  /**
   * {@code noisy-sgd}: options {@code lr} (default 0.1), {@code sigma} (required), {@code noise}
   * ({@code gaussian} or {@code stable}), {@code alpha} (required for stable), {@code seed}.
   */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "noisy-sgd";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      Builder b = builder()
          .fromOptions(name(), o, defaultLearningRate(), Set.of("sigma", "noise", "alpha"));
      if (!o.has("sigma")) {
        throw new IllegalArgumentException("noisy-sgd: optimizer option 'sigma' is required");
      }
      b.optSigma(o.getDouble("sigma", 0)).optSeed(o.getLong("seed", 0));
      String kind = o.getString("noise", "gaussian").trim().toLowerCase(Locale.ROOT);
      switch (kind) {
        case "gaussian":
          if (o.has("alpha")) {
            throw new IllegalArgumentException(
                "noisy-sgd: optimizer option 'alpha' is only for noise=stable");
          }
          b.optGaussian();
          break;
        case "stable":
          if (!o.has("alpha")) {
            throw new IllegalArgumentException(
                "noisy-sgd: noise=stable needs optimizer option 'alpha' in (0, 2]");
          }
          b.optStable(o.getDouble("alpha", 2));
          break;
        default:
          throw new IllegalArgumentException(
              "noisy-sgd: optimizer option 'noise' = '" + kind + "': expected gaussian or stable");
      }
      return b.build();
    }

    /** η = 0.1: the default of plain {@code sgd}, of which this is the noisy variant. */
    @Override
    public double defaultLearningRate() {
      return Sgd.SGD_LR;
    }
  }
}
