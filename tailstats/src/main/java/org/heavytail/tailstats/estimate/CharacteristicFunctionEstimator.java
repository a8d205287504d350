package org.heavytail.tailstats.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Koutrouvelis' (1980, JASA 75, 918–928) regression on the empirical characteristic function.
 * For a symmetric α-stable law φ(t) = exp(−σ^α |t|^α), so
 * <pre>  ln(−ln|φ(t)|²) = ln(2σ^α) + α ln|t|,</pre>
 * and α̂ is the least-squares slope of ln(−ln|φ̂(t_k)|²) on ln t_k, with φ̂(t) = (1/n) Σ e^{itX_j}.
 *
 * <p><b>Grid and standardization.</b> The data are centred by the median and divided by a scale
 * s (first IQR/2, then the fitted σ̂ of the previous pass: 2 passes, as in Koutrouvelis' iterated
 * standardization), and t_k = πk/25, k = 1..10 (Koutrouvelis' grid with K = 10, his choice
 * for α near 1.5–2 at n ≈ 1000). Points where |φ̂|² ∉ (0, 1) are skipped (at least 3 needed).
 * Only the modulus is used: skewness and location beyond the median are not estimated.
 *
 * <p><b>Interval.</b> Batch means: the sample is cut into 20 contiguous batches, α̂ is computed
 * on each with the final standardization, and α̂ ± t₁₉·sd/√20 is reported (kind
 * {@code batch-means}); valid for i.i.d. data, and free, since the batch sums of e^{itX} add up
 * to the full-sample sums.
 */
public final class CharacteristicFunctionEstimator implements TailIndexEstimator {

  /** The method name in results. */
  public static final String NAME = "charfn";
  private static final int MIN_SAMPLES = 200;
  private static final int BATCHES = 20;
  private static final int K = 10;
  private static final double T0 = Math.PI / 25;

  private final double confidence;

  private CharacteristicFunctionEstimator(double confidence) {
    this.confidence = confidence;
  }

  /** The estimator with a 95% interval. */
  public static CharacteristicFunctionEstimator of() {
    return new CharacteristicFunctionEstimator(0.95);
  }

  /** The same estimator with another nominal coverage. */
  public CharacteristicFunctionEstimator withConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new IllegalArgumentException(NAME + ": confidence " + c + "; expected 0 < c < 1");
    }
    return new CharacteristicFunctionEstimator(c);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TailIndexEstimate estimate(float[] sample) {
    Validation.requireUsable(NAME, sample, MIN_SAMPLES);
    int n = sample.length;
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = sample[i];
    }
    java.util.Arrays.sort(sorted);
    double centre = Stats.quantileSorted(sorted, 0.5);
    double scale = (Stats.quantileSorted(sorted, 0.75) - Stats.quantileSorted(sorted, 0.25)) / 2;
    if (!(scale > 0)) {
      throw new IllegalArgumentException(NAME + ": interquartile range is 0 (more than half the"
          + " samples share a value); found 0 spread, needed a positive IQR");
    }
    double[][] cs = null;
    double[] fit = null;
    for (int pass = 0; pass < 2; pass++) {
      cs = sums(sample, centre, scale);
      fit = regress(total(cs), n);
      if (fit == null) {
        throw new IllegalArgumentException(NAME + ": fewer than 3 usable grid points"
            + " (|φ̂(t)|² must lie in (0, 1)); found degenerate data");
      }
      double sigma = Math.pow(Math.exp(fit[1]) / 2, 1 / fit[0]);
      if (pass == 0 && Double.isFinite(sigma) && sigma > 0) {
        scale *= sigma;
      }
    }
    double[] batch = new double[BATCHES];
    int nb = n / BATCHES;
    int ok = 0;
    double mean = 0;
    for (int b = 0; b < BATCHES; b++) {
      double[] re = new double[K];
      double[] im = new double[K];
      for (int k = 0; k < K; k++) {
        re[k] = cs[0][b * K + k];
        im[k] = cs[1][b * K + k];
      }
      double[] f = regress(new double[][] {re, im}, nb);
      if (f != null) {
        batch[ok++] = f[0];
        mean += f[0];
      }
    }
    double lo = Double.NaN;
    double hi = Double.NaN;
    if (ok >= 5) {
      mean /= ok;
      double ss = 0;
      for (int b = 0; b < ok; b++) {
        ss += (batch[b] - mean) * (batch[b] - mean);
      }
      double half = Stats.studentQuantile(0.5 + confidence / 2, ok - 1)
          * Math.sqrt(ss / (ok - 1) / ok);
      lo = fit[0] - half;
      hi = fit[0] + half;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    List<Double> grid = new ArrayList<>();
    for (int k = 1; k <= K; k++) {
      grid.add(T0 * k);
    }
    p.put("t_grid", List.copyOf(grid));
    p.put("grid_points_used", (int) fit[2]);
    p.put("scale", scale);
    p.put("centre", centre);
    p.put("batches", ok);
    return new TailIndexEstimate(NAME, fit[0], lo, hi, confidence, "batch-means", n, p);
  }

  /**
   * Per-batch sums of cos(t_k y) and sin(t_k y), y = (x − c)/s, as [re|im][batch·K + k]; the
   * last batch absorbs the remainder. cos/sin at t_k = k·t₀ by the rotation recurrence.
   */
  private static double[][] sums(float[] x, double c, double s) {
    int n = x.length;
    int nb = n / BATCHES;
    double[] re = new double[BATCHES * K];
    double[] im = new double[BATCHES * K];
    for (int b = 0; b < BATCHES; b++) {
      int from = b * nb;
      int to = b == BATCHES - 1 ? n : from + nb;
      double[] cr = new double[K];
      double[] ci = new double[K];
      for (int i = from; i < to; i++) {
        double th = T0 * (x[i] - c) / s;
        double c1 = Math.cos(th);
        double s1 = Math.sin(th);
        double ck = c1;
        double sk = s1;
        cr[0] += ck;
        ci[0] += sk;
        for (int k = 1; k < K; k++) {
          double cn = ck * c1 - sk * s1;
          sk = sk * c1 + ck * s1;
          ck = cn;
          cr[k] += ck;
          ci[k] += sk;
        }
      }
      System.arraycopy(cr, 0, re, b * K, K);
      System.arraycopy(ci, 0, im, b * K, K);
    }
    return new double[][] {re, im};
  }

  private static double[][] total(double[][] cs) {
    double[] re = new double[K];
    double[] im = new double[K];
    for (int b = 0; b < BATCHES; b++) {
      for (int k = 0; k < K; k++) {
        re[k] += cs[0][b * K + k];
        im[k] += cs[1][b * K + k];
      }
    }
    return new double[][] {re, im};
  }

  /** Least squares of ln(−ln|φ̂|²) on ln t: {slope α, intercept, points used}, or null. */
  private static double[] regress(double[][] sums, int n) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int used = 0;
    for (int k = 0; k < K; k++) {
      double re = sums[0][k] / n;
      double im = sums[1][k] / n;
      double mod2 = re * re + im * im;
      if (!(mod2 > 0 && mod2 < 1)) {
        continue;
      }
      double yk = Math.log(-Math.log(mod2));
      double xk = Math.log(T0 * (k + 1));
      sx += xk;
      sy += yk;
      sxx += xk * xk;
      sxy += xk * yk;
      used++;
    }
    if (used < 3) {
      return null;
    }
    double slope = (used * sxy - sx * sy) / (used * sxx - sx * sx);
    double intercept = (sy - slope * sx) / used;
    return new double[] {slope, intercept, used};
  }
}
