package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 *       1); α = 1 gives the standard Cauchy. ξ is drawn by Chambers, Mallows &amp; Stuck (1976),
 *       in the β = 0 form of Weron (1996).
 * </ul>
 *
 * g' = g + λθ (coupled weight decay). The noise comes from a {@link SplitMix64} stream seeded by
 * {@code seed} (default 0), drawn on the Java side in double precision, parameter by parameter in
 * {@link UpdateContext#parameters()} order and row-major within each; the stream position is part
 * of the saved state ({@code rng.hi}, {@code rng.lo}: its two 32-bit halves), so a resumed run
 * draws the same noise. Cost: one host-to-engine copy of d floats per step.
 */
public final class NoisySgd extends AbstractOptimizer {

  /** The noise law. */
  public enum Noise {
    /** ξ ~ N(0, I), step scale σ√η. */
    GAUSSIAN,
    /** ξ_i iid SαS with unit scale, step scale σ η^{1/α}. */
    STABLE
  }

  private final Noise noise;
  private final double sigma;
  private final double alpha;
  private final SplitMix64 rng;

  private NoisySgd(Builder b) {
    super("noisy-sgd", b);
    this.noise = b.noise;
    this.sigma = b.sigma;
    this.alpha = b.alpha;
    this.rng = new SplitMix64(b.seed);
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

  @Override
  protected void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t) {
    NDArray w = p.weight();
    w.subi(decayedGradient(p).mul(lr));
    if (sigma == 0) {
      return;
    }
    float[] xi = new float[Math.toIntExact(w.size())];
    double scale;
    if (noise == Noise.GAUSSIAN) {
      scale = sigma * Math.sqrt(lr);
      fillGaussian(xi, scale);
    } else {
      scale = sigma * Math.pow(lr, 1 / alpha);
      fillStable(xi, scale);
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

  /** Box–Muller: pairs of uniforms give pairs of independent N(0, 1) draws, times scale. */
  private void fillGaussian(float[] out, double scale) {
    for (int i = 0; i < out.length; i += 2) {
      double r = Math.sqrt(-2 * Math.log(rng.nextOpen()));
      double phi = 2 * Math.PI * rng.nextOpen();
      out[i] = (float) (scale * r * Math.cos(phi));
      if (i + 1 < out.length) {
        out[i + 1] = (float) (scale * r * Math.sin(phi));
      }
    }
  }

  /**
   * Chambers–Mallows–Stuck for β = 0: V ~ U(−π/2, π/2), W ~ Exp(1), X = sin(αV) / cos(V)^{1/α} ·
   * (cos((1 − α)V) / W)^{(1 − α)/α}; X = tan V for α = 1 (Weron 1996, eq. 2.3).
   */
  private void fillStable(float[] out, double scale) {
    for (int i = 0; i < out.length; i++) {
      double v = Math.PI * (rng.nextOpen() - 0.5);
      double e = -Math.log(rng.nextOpen());
      double x;
      if (alpha == 1) {
        x = Math.tan(v);
      } else if (alpha == 2) {
        x = 2 * Math.sin(v) * Math.sqrt(e);
      } else {
        x =
            Math.sin(alpha * v)
                / Math.pow(Math.cos(v), 1 / alpha)
                * Math.pow(Math.cos((1 - alpha) * v) / e, (1 - alpha) / alpha);
      }
      out[i] = (float) (scale * x);
    }
  }

  @Override
  protected void saveExtra(Map<String, float[]> arrays, Map<String, Double> scalars) {
    long s = rng.state();
    scalars.put("rng.hi", (double) (s >>> 32));
    scalars.put("rng.lo", (double) (s & 0xFFFFFFFFL));
  }

  @Override
  protected void loadExtra(OptimizerState state) {
    Double hi = state.scalars().get("rng.hi");
    Double lo = state.scalars().get("rng.lo");
    if (hi == null || lo == null) {
      throw new IllegalArgumentException(
          "noisy-sgd: optimizer state lacks scalars 'rng.hi'/'rng.lo' (the random stream)");
    }
    rng.setState((hi.longValue() << 32) | (lo.longValue() & 0xFFFFFFFFL));
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
   * {@code noisy-sgd}: options {@code lr} (required), {@code sigma} (required), {@code noise}
   * ({@code gaussian} or {@code stable}), {@code alpha} (required for stable), {@code seed}.
   */
  public static final class Factory implements OptimizerFactory {
    @Override
    public String name() {
      return "noisy-sgd";
    }

    @Override
    public Optimizer create(OptimizerOptions o) {
      Builder b = builder().fromOptions(name(), o, Double.NaN, Set.of("sigma", "noise", "alpha"));
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
  }
}
