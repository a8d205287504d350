package org.heavytail.tailstats.spectrum;

import java.util.Arrays;

/**
 * Clauset, Shalizi &amp; Newman (2009, SIAM Review 51, 661–703) continuous power-law fit, as
 * WeightWatcher applies it to the eigenvalues λ of a layer's WᵀW/N:
 * <ul>
 *   <li>for a candidate x_min, the maximum-likelihood exponent over the n_tail values λ ≥ x_min
 *       is a = 1 + n_tail / Σ ln(λ_i / x_min) (CSN eq. 3.1);
 *   <li>x_min is the candidate (every distinct eigenvalue leaving at least {@code minTail}
 *       values in the tail) minimizing the Kolmogorov–Smirnov distance
 *       D = max |S(λ) − P(λ)| between the tail's empirical CDF S and P(λ) = 1 − (λ/x_min)^{1−a}.
 * </ul>
 * O(n²) in the number of eigenvalues; a spectrum has at most a few thousand.
 */
public final class PowerLawFit {

  private final int minTail;

  private PowerLawFit(int minTail) {
    this.minTail = minTail;
  }

  /** The fit with at least 10 eigenvalues in the tail. */
  public static PowerLawFit of() {
    return new PowerLawFit(10);
  }

  /** The fit with at least {@code minTail} (≥ 2) eigenvalues in the tail. */
  public static PowerLawFit withMinTail(int minTail) {
    if (minTail < 2) {
      throw new IllegalArgumentException("power-law fit: minTail = " + minTail
          + "; expected >= 2");
    }
    return new PowerLawFit(minTail);
  }

  /**
   * Fits the eigenvalues; values ≤ 0 (numerically zero eigenvalues) are ignored.
   *
   * @throws IllegalArgumentException when fewer than minTail positive finite values remain, or
   *     when NaN/Inf are present
   */
  public SpectrumPowerLaw fit(double[] eigenvalues) {
    int bad = 0;
    for (double v : eigenvalues) {
      if (!Double.isFinite(v)) {
        bad++;
      }
    }
    if (bad > 0) {
      throw new IllegalArgumentException("power-law fit: found " + bad + " NaN/Inf eigenvalues"
          + " among " + eigenvalues.length + "; needed 0");
    }
    double[] x = Arrays.stream(eigenvalues).filter(v -> v > 0).sorted().toArray();
    int n = x.length;
    if (n < minTail) {
      throw new IllegalArgumentException("power-law fit: too few positive eigenvalues: found "
          + n + ", needed at least " + minTail);
    }
    double[] logs = new double[n];
    double[] suffix = new double[n + 1];
    for (int i = n - 1; i >= 0; i--) {
      logs[i] = Math.log(x[i]);
      suffix[i] = suffix[i + 1] + logs[i];
    }
    double bestD = Double.POSITIVE_INFINITY;
    int bestI = -1;
    double bestA = Double.NaN;
    for (int i = 0; i + minTail <= n; i++) {
      if (i > 0 && x[i] == x[i - 1]) {
        continue;
      }
      int nt = n - i;
      double denom = suffix[i] - nt * logs[i];
      if (!(denom > 0)) {
        continue;
      }
      double a = 1 + nt / denom;
      double d = 0;
      for (int j = i; j < n; j++) {
        double p = 1 - Math.exp((1 - a) * (logs[j] - logs[i]));
        double lo = (double) (j - i) / nt;
        double hi = (double) (j - i + 1) / nt;
        d = Math.max(d, Math.max(Math.abs(p - lo), Math.abs(hi - p)));
        if (d >= bestD) {
          break;
        }
      }
      if (d < bestD) {
        bestD = d;
        bestI = i;
        bestA = a;
      }
    }
    if (bestI < 0) {
      throw new IllegalArgumentException("power-law fit: all " + n + " eigenvalues equal;"
          + " found 1 distinct value, needed at least 2");
    }
    int nt = n - bestI;
    return new SpectrumPowerLaw(bestA, x[bestI], bestD, nt, eigenvalues.length,
        (bestA - 1) / Math.sqrt(nt));
  }
}
