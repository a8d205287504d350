package org.heavytail.tailstats.estimate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hill's (1975) estimator of the tail index from the k largest |X|:
 * <pre>  H_k = (1/k) Σ_{i≤k} ln |X|_(i) − ln |X|_(k+1),   α̂ = 1/H_k,</pre>
 * with |X|_(1) ≥ |X|_(2) ≥ … the order statistics (SCIENCE.md §2). The choice of k:
 * <ul>
 *   <li>fixed k ({@link #of(int)}) or a fraction of n ({@link #ofFraction(double)});
 *   <li>automatic ({@link #doubleBootstrap()}, default): the double bootstrap of Danielsson,
 *       de Haan, Peng &amp; de Vries (2001, J. Multivariate Anal. 76, 226–248). With
 *       M_k = (1/k) Σ_{i≤k} (ln|X|_(i) − ln|X|_(k+1))², the asymptotic mean squared error of
 *       H_k is estimated by Q(n₁, k) = E*[(M*_k − 2 (H*_k)²)²] over B bootstrap resamples of
 *       size n₁ = ⌊n^0.9⌋, minimized at k₁; likewise at k₂ for n₂ = ⌊n₁²/n⌋; then
 *       k* = (k₁²/k₂) · ((ln k₁)² / (2 ln n₁ − ln k₁)²)^{(ln n₁ − ln k₁)/ln n₁}. The search is
 *       over k ≤ n_b/2 in each resample.
 * </ul>
 * The interval is asymptotic: √k (H_k − 1/α) → N(0, 1/α²) for a Pareto-type tail without
 * second-order bias, so 1/α ∈ H_k (1 ± z/√k), inverted (kind {@code asymptotic}).
 *
 * <p>Caveats: biased for α-stable data near α = 2, where the Pareto tail sets in far out (read
 * the k-plot, {@link #kPlot}); exact zeros are ignored (they are never among the k largest).
 */
public final class HillEstimator implements TailIndexEstimator {

  /** The method name in results. */
  public static final String NAME = "hill";
  private static final int MIN_SAMPLES = 50;

  private enum Rule { FIXED, FRACTION, DOUBLE_BOOTSTRAP }

  /** A k-plot: α̂ for each k. */
  public record KPlot(int[] k, double[] alpha) {}

  private final Rule rule;
  private final int k;
  private final double fraction;
  private final int replicates;
  private final long seed;
  private final double confidence;

  private HillEstimator(Rule rule, int k, double fraction, int replicates, long seed,
      double confidence) {
    this.rule = rule;
    this.k = k;
    this.fraction = fraction;
    this.replicates = replicates;
    this.seed = seed;
    this.confidence = confidence;
  }

  /** Fixed k ≥ 2. */
  public static HillEstimator of(int k) {
    if (k < 2) {
      throw new IllegalArgumentException(NAME + ": k = " + k + "; expected k >= 2");
    }
    return new HillEstimator(Rule.FIXED, k, 0, 100, 0, 0.95);
  }

  /** k = ⌊f·n⌋ for a fraction 0 &lt; f &lt; 1. */
  public static HillEstimator ofFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException(NAME + ": fraction " + f + "; expected 0 < f < 1");
    }
    return new HillEstimator(Rule.FRACTION, 0, f, 100, 0, 0.95);
  }

  /** Automatic k by the double bootstrap with B = 50 replicates per stage and seed 0. */
  public static HillEstimator doubleBootstrap() {
    return doubleBootstrap(50, 0);
  }

  /** Automatic k by the double bootstrap with {@code replicates} per stage and a seed. */
  public static HillEstimator doubleBootstrap(int replicates, long seed) {
    if (replicates < 10) {
      throw new IllegalArgumentException(NAME + ": replicates " + replicates
          + "; expected >= 10");
    }
    return new HillEstimator(Rule.DOUBLE_BOOTSTRAP, 0, 0, replicates, seed, 0.95);
  }

  /** The same estimator with another nominal coverage. */
  public HillEstimator withConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new IllegalArgumentException(NAME + ": confidence " + c + "; expected 0 < c < 1");
    }
    return new HillEstimator(rule, k, fraction, replicates, seed, c);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TailIndexEstimate estimate(float[] sample) {
    Validation.requireUsable(NAME, sample, MIN_SAMPLES);
    double[] logs = sortedLogsDescending(sample);
    int n = logs.length;
    Validation.requireCount(NAME + " (non-zero |x|)", n, MIN_SAMPLES);
    Map<String, Object> p = new LinkedHashMap<>();
    int kk;
    switch (rule) {
      case FIXED:
        kk = Math.min(k, n - 1);
        p.put("k_rule", "fixed");
        break;
      case FRACTION:
        kk = (int) Math.max(2, Math.min(n - 1, Math.floor(fraction * n)));
        p.put("k_rule", "fraction");
        p.put("fraction", fraction);
        break;
      default:
        kk = doubleBootstrapK(logs, p);
        p.put("k_rule", "double-bootstrap");
        p.put("bootstrap_replicates", replicates);
        p.put("seed", seed);
    }
    double h = hill(logs, kk);
    double z = Stats.normalQuantile(0.5 + confidence / 2);
    double lo = 1 / (h * (1 + z / Math.sqrt(kk)));
    double hi = z / Math.sqrt(kk) < 1 ? 1 / (h * (1 - z / Math.sqrt(kk)))
        : Double.POSITIVE_INFINITY;
    p.put("k", kk);
    return new TailIndexEstimate(NAME, 1 / h, lo, hi, confidence, "asymptotic", n, p);
  }

  /** α̂ = 1/H_k for each k in {@code ks} (each clamped to [1, n−1] of the non-zero values). */
  public static KPlot kPlot(float[] sample, int[] ks) {
    Validation.requireUsable(NAME, sample, MIN_SAMPLES);
    double[] logs = sortedLogsDescending(sample);
    double[] prefix = new double[logs.length + 1];
    for (int i = 0; i < logs.length; i++) {
      prefix[i + 1] = prefix[i] + logs[i];
    }
    int[] kout = new int[ks.length];
    double[] a = new double[ks.length];
    for (int j = 0; j < ks.length; j++) {
      int kk = Math.max(1, Math.min(ks[j], logs.length - 1));
      kout[j] = kk;
      a[j] = 1 / (prefix[kk] / kk - logs[kk]);
    }
    return new KPlot(kout, a);
  }

  /** The k-plot at 50 log-spaced k from 10 to n/2. */
  public static KPlot kPlot(float[] sample) {
    int n = sample.length;
    int[] ks = new int[50];
    double lo = Math.log(10);
    double hi = Math.log(Math.max(11, n / 2.0));
    for (int i = 0; i < ks.length; i++) {
      ks[i] = (int) Math.round(Math.exp(lo + (hi - lo) * i / (ks.length - 1)));
    }
    return kPlot(sample, Arrays.stream(ks).distinct().toArray());
  }

  /** ln|x| of the non-zero values, sorted descending. */
  private static double[] sortedLogsDescending(float[] x) {
    float[] a = new float[x.length];
    int n = 0;
    for (float v : x) {
      if (v != 0f) {
        a[n++] = Math.abs(v);
      }
    }
    a = Arrays.copyOf(a, n);
    Arrays.sort(a);
    double[] logs = new double[n];
    for (int i = 0; i < n; i++) {
      logs[i] = Math.log(a[n - 1 - i]);
    }
    return logs;
  }

  private static double hill(double[] logs, int k) {
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += logs[i];
    }
    return s / k - logs[k];
  }

  private int doubleBootstrapK(double[] logs, Map<String, Object> p) {
    int n = logs.length;
    int n1 = (int) Math.floor(Math.pow(n, 0.9));
    int n2 = (int) Math.floor((double) n1 * n1 / n);
    if (n2 < 20) {
      throw new IllegalArgumentException(NAME + ": too few samples for the double bootstrap:"
          + " found " + n + ", needed at least " + (int) Math.ceil(Math.pow(20, 1 / 0.8))
          + " (n2 = n^0.8 >= 20); use a fixed k or fraction");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int k1 = argminQ(logs, n1, rng);
    int k2 = argminQ(logs, n2, rng);
    double l1 = Math.log(k1);
    double ln1 = Math.log(n1);
    double kstar = (double) k1 * k1 / k2
        * Math.pow(l1 * l1 / ((2 * ln1 - l1) * (2 * ln1 - l1)), (ln1 - l1) / ln1);
    p.put("n1", n1);
    p.put("n2", n2);
    p.put("k1", k1);
    p.put("k2", k2);
    return (int) Math.max(2, Math.min(n - 1, Math.round(kstar)));
  }

  /** argmin over k ≤ size/2 of Σ_b (M*_k − 2 H*_k²)² over bootstrap resamples of that size. */
  private int argminQ(double[] logs, int size, SplittableRandom rng) {
    int n = logs.length;
    int kmax = Math.max(2, size / 2);
    double[] q = new double[kmax + 1];
    int[] hits = new int[n];
    double[] top = new double[kmax + 2];
    for (int b = 0; b < replicates; b++) {
      Arrays.fill(hits, 0);
      for (int i = 0; i < size; i++) {
        hits[rng.nextInt(n)]++;
      }
      int r = 0;
      for (int i = 0; i < n && r < top.length; i++) {
        for (int c = hits[i]; c > 0 && r < top.length; c--) {
          top[r++] = logs[i];
        }
      }
      double s1 = 0;
      double s2 = 0;
      for (int kk = 1; kk <= kmax && kk < r; kk++) {
        double l = top[kk - 1];
        s1 += l;
        s2 += l * l;
        double next = top[kk];
        double h = s1 / kk - next;
        double m = s2 / kk - 2 * next * s1 / kk + next * next;
        double d = m - 2 * h * h;
        q[kk] += d * d;
      }
    }
    int best = 2;
    for (int kk = 2; kk <= kmax; kk++) {
      if (q[kk] < q[best]) {
        best = kk;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "HillEstimator[" + rule + (rule == Rule.FIXED ? " k=" + k : "")
        + (rule == Rule.FRACTION ? " f=" + fraction : "") + "]";
  }
}
