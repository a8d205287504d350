package org.heavytail.tailstats.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * McCulloch's (1986) quantile estimator of the stable parameters (J. H. McCulloch, "Simple
 * consistent estimators of stable distribution parameters", Commun. Statist. Simul. 15,
 * 1109–1136).
 *
 * <p>From the sample quantiles q̂_p (type 7, found by O(n) selection, no sort):
 *
 * <pre>
 *   ν_α = (q̂.95 − q̂.05)/(q̂.75 − q̂.25),   ν_β = (q̂.95 + q̂.05 − 2 q̂.50)/(q̂.95 − q̂.05),
 * </pre>
 *
 * which depend on (α, β) only. (α̂, β̂) solves ν_α(α, β) = ν̂_α, ν_β(α, β) = ν̂_β, where
 * ν_α(α, β), ν_β(α, β) are this project's own tables ({@code McCullochTable}, generated from
 * {@link StableDistribution#quantile(double)} of the S0 law on α ∈ [0.5, 2] step 0.0125, β ∈ [0,
 * 1] step 0.05, by {@code McCullochTableGenerator} under src/test/java, committed as the resource
 * {@code mcculloch-table.tsv}), read between nodes by
 * 4×4-point Lagrange (bicubic) interpolation, β &lt; 0 by symmetry. The 2-D inversion is nested:
 * ν_α is decreasing in α at fixed β, so α(β) is a 1-D root; ν_β(α(β), β) is then solved for β.
 * Then γ̂ = (q̂.75 − q̂.25)/ν_c(α̂, β̂) and δ̂₀ = q̂.50 − γ̂ · m₀(α̂, β̂), m₀ the standard S0 median.
 *
 * <p>The method cannot return α̂ above 2 or below 0.5: ν̂_α below the Gaussian value 2.4387 gives
 * α̂ = 2 and above ν_α(0.5, β) gives 0.5, with {@code alpha_clamped = true} in the parameters.
 * McCulloch's small-sample correction of the quantiles is not applied.
 *
 * <p>Confidence interval: <b>asymptotic</b> (delta method). The sample quantiles are jointly
 * normal with Cov(q̂_p, q̂_r) = p(1 − r)/(n f(q_p) f(q_r)) for p ≤ r, f the density of the fitted
 * law (Nolan's integral); the gradient of α̂ with respect to the five quantiles is (∂α/∂ν) ·
 * (∂ν/∂q), with ∂α/∂ν the first row of the inverse Jacobian of the interpolated table. The
 * interval α̂ ± z·se is cut to [0, 2]. Coverage was measured (see benchmarks/stable.md).
 *
 * <p>Accuracy measured on SαS samples with n = 10⁶ over 20 seeds: see benchmarks/stable.md and
 * {@code McCullochStudy}.
 */
public final class McCullochEstimator implements TailIndexEstimator {

  /** The method name used in results. */
  public static final String NAME = "mcculloch";

  /** Fewest samples accepted: with 40 the 5% and 95% quantiles have two order statistics beyond. */
  public static final int MIN_SAMPLES = 40;

  static final double[] PROBS = {0.05, 0.25, 0.50, 0.75, 0.95};

  private final double confidence;
  private final double z;

  private McCullochEstimator(double confidence) {
    this.confidence = confidence;
    // Φ⁻¹((1 + c)/2), using N(0, 1) = S(2, 0, 1/√2, 0)
    this.z = StableDistribution.of(2, 0, Math.sqrt(0.5), 0).quantile(0.5 + confidence / 2);
  }

  /** The estimator with 95% asymptotic intervals. */
  public static McCullochEstimator of() {
    return new McCullochEstimator(0.95);
  }

  /**
   * The estimator with intervals of the given nominal coverage.
   *
   * @throws IllegalArgumentException unless 0 &lt; confidence &lt; 1
   */
  public static McCullochEstimator of(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          NAME + ": confidence = " + confidence + ", expected 0 < confidence < 1");
    }
    return new McCullochEstimator(confidence);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TailIndexEstimate estimate(float[] sample) {
    return toEstimate(fit(sample));
  }

  @Override
  public TailIndexEstimate estimate(double[] sample) {
    return toEstimate(fit(sample));
  }

  /** Fits all four parameters (float sample, widened exactly to double). */
  public McCullochFit fit(float[] sample) {
    double[] wide = new double[sample.length];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = sample[i];
    }
    return fit(wide);
  }

  /** Fits all four parameters (double sample). */
  public McCullochFit fit(double[] sample) {
    checkSize(sample.length);
    int bad = 0;
    int first = -1;
    for (int i = 0; i < sample.length; i++) {
      if (!Double.isFinite(sample[i])) {
        if (bad++ == 0) {
          first = i;
        }
      }
    }
    checkFinite(bad, first, sample.length);
    return fromQuantiles(Selection.quantiles(sample, PROBS), sample.length);
  }

  private static void checkSize(int n) {
    if (n < MIN_SAMPLES) {
      throw new IllegalArgumentException(
          NAME + ": too few samples: found " + n + ", needed at least " + MIN_SAMPLES);
    }
  }

  private static void checkFinite(int bad, int first, int n) {
    if (bad > 0) {
      throw new IllegalArgumentException(
          NAME + ": found " + bad + " NaN/Inf values among " + n + " samples (first at index "
              + first + "); needed 0 (all values finite)");
    }
  }

  /** The fit from the five sample quantiles q̂.05, q̂.25, q̂.50, q̂.75, q̂.95. */
  McCullochFit fromQuantiles(double[] q, long n) {
    double iqr = q[3] - q[1];
    double range = q[4] - q[0];
    if (!(range > 0)) {
      throw new IllegalArgumentException(
          NAME + ": all " + n + " samples equal " + q[2] + " between their 5% and 95% quantiles;"
              + " found 1 distinct value there, needed at least 2");
    }
    if (!(iqr > 0)) {
      throw new IllegalArgumentException(
          NAME + ": the interquartile range of the " + n + " samples is 0 (more than half of them"
              + " equal " + q[2] + "); needed q.75 > q.25");
    }
    double nuA = range / iqr;
    double nuB = (q[4] + q[0] - 2 * q[2]) / range;
    McCullochInversion.Result r = McCullochInversion.invert(nuA, nuB);
    double scale = iqr / McCullochInversion.value(McCullochTable.NU_C, r.alpha(), r.beta(), true);
    double m0 = McCullochInversion.value(McCullochTable.MEDIAN0, r.alpha(), r.beta(), false);
    double location0 = q[2] - scale * m0;
    double se = standardError(q, n, r, scale, location0, nuA, nuB);
    return new McCullochFit(
        r.alpha(), r.beta(), scale, location0, se, nuA, nuB, r.alphaClamped(), r.betaClamped(), n);
  }

  /**
   * Delta-method standard error of α̂ (see the class javadoc). At a clamped α̂ (2 or 0.5) it is
   * evaluated at the end of the table, with one-sided differences.
   */
  private static double standardError(
      double[] q, long n, McCullochInversion.Result r, double scale, double location0,
      double nuA, double nuB) {
    double[] da = McCullochInversion.alphaGradient(r.alpha(), r.beta());
    if (da == null) {
      return Double.NaN;
    }
    double iqr = q[3] - q[1];
    double range = q[4] - q[0];
    // ∂ν_α/∂q and ∂ν_β/∂q for q = (q05, q25, q50, q75, q95)
    double[] dnuA = {-1 / iqr, nuA / iqr, 0, -nuA / iqr, 1 / iqr};
    double[] dnuB = {(1 + nuB) / range, 0, -2 / range, 0, (1 - nuB) / range};
    double[] g = new double[5];
    for (int i = 0; i < 5; i++) {
      g[i] = da[0] * dnuA[i] + da[1] * dnuB[i];
    }
    StableDistribution law =
        StableDistribution.of(
            r.alpha(), r.beta(), scale, location0,
            org.heavytail.tailstats.stable.Parameterization.S0);
    double[] f = new double[5];
    for (int i = 0; i < 5; i++) {
      f[i] = law.pdf(q[i]);
    }
    double var = 0;
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        double p = PROBS[Math.min(i, j)];
        double s = PROBS[Math.max(i, j)];
        var += g[i] * g[j] * p * (1 - s) / (f[i] * f[j]);
      }
    }
    return Math.sqrt(var / n);
  }

  private TailIndexEstimate toEstimate(McCullochFit fit) {
    double lo = Double.NaN;
    double hi = Double.NaN;
    if (Double.isFinite(fit.alphaStdError())) {
      lo = Math.max(0, fit.alpha() - z * fit.alphaStdError());
      hi = Math.min(2, fit.alpha() + z * fit.alphaStdError());
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("beta", fit.beta());
    p.put("scale", fit.scale());
    p.put("location", fit.location1());
    p.put("location0", fit.location0());
    p.put("nu_alpha", fit.nuAlpha());
    p.put("nu_beta", fit.nuBeta());
    p.put("alpha_std_error", fit.alphaStdError());
    p.put("alpha_clamped", fit.alphaClamped());
    p.put("beta_clamped", fit.betaClamped());
    return new TailIndexEstimate(
        NAME, fit.alpha(), lo, hi, confidence, "asymptotic (delta method)", fit.n(), p);
  }
}
