package org.heavytail.trainer.reproduce.hessianspectrum;

/**
 * How many of the top eigenvalues of a symmetric matrix are outliers (spikes) separated from a
 * continuous bulk: Onatski's edge-distribution estimator (A. Onatski, "Determining the number of
 * factors from empirical distribution of eigenvalues", Review of Economics and Statistics 92(4),
 * 2010, 1004–1016), applied to the largest eigenvalues λ_1 ≥ λ_2 ≥ … ≥ λ_K.
 *
 * <p>Idea: near the upper edge of a bulk the eigenvalues thin out like λ_j ≈ E − c·(j−1)^{2/3}
 * (square-root edge), so the local spacing scale c can be read off five consecutive bulk
 * eigenvalues; an outlier is separated from the next eigenvalue by a gap larger than any the
 * bulk edge produces. With r_max = K − 5:
 *
 * <ol>
 *   <li>j = r_max + 1;
 *   <li>regress λ_j, …, λ_{j+4} on a constant and (j−1)^{2/3}, …, (j+3)^{2/3}; slope β̂; the gap
 *       threshold is δ = 2|β̂|;
 *   <li>r̂ = max{ i ≤ r_max : λ_i − λ_{i+1} ≥ δ }, or 0 when no gap reaches δ;
 *   <li>j = r̂ + 1 and repeat 2–3 until r̂ no longer changes (at most {@value #MAX_ITERATIONS}
 *       rounds; then the last r̂).
 * </ol>
 *
 * Because r̂ is the <em>last</em> large gap, small gaps among the outliers themselves do not
 * matter; K must exceed the number of outliers by at least 5 (this project asks K = 2k + 6 for k
 * classes). The rule is validated on planted spikes in a Wishart bulk in the tests.
 *
 * @param count r̂, the number of outliers
 * @param threshold δ, the gap threshold of the final round
 * @param bulkEdge λ_{r̂+1}, the largest eigenvalue counted as bulk
 * @param rounds rounds of steps 2–3 taken
 */
public record SpectralOutliers(int count, double threshold, double bulkEdge, int rounds) {

  /** Rounds of the fixed-point iteration before giving up on convergence. */
  static final int MAX_ITERATIONS = 20;

  /**
   * Counts the outliers among {@code top}, the K largest eigenvalues in descending order (K ≥ 6).
   *
   * @throws IllegalArgumentException when K &lt; 6, a value is not finite, or the order is not
   *     descending
   */
  public static SpectralOutliers of(double[] top) {
    int n = top.length;
    if (n < 6) {
      throw new IllegalArgumentException("top eigenvalues: got " + n + ", expected K >= 6 (the "
          + "edge regression needs 5 bulk eigenvalues beyond the outliers)");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(top[i])) {
        throw new IllegalArgumentException("top eigenvalues: value " + i + " is " + top[i]);
      }
      if (i > 0 && top[i] > top[i - 1]) {
        throw new IllegalArgumentException("top eigenvalues: expected descending order, but "
            + "value " + i + " (" + top[i] + ") > value " + (i - 1) + " (" + top[i - 1] + ")");
      }
    }
    int rMax = n - 5;
    int j = rMax + 1; // 1-based index of the first eigenvalue of the regression window
    int r = -1;
    double delta = Double.NaN;
    int rounds = 0;
    while (rounds < MAX_ITERATIONS) {
      rounds++;
      delta = 2 * Math.abs(edgeSlope(top, j));
      int next = 0;
      for (int i = rMax; i >= 1; i--) {
        if (top[i - 1] - top[i] >= delta) {
          next = i;
          break;
        }
      }
      if (next == r) {
        break;
      }
      r = next;
      j = r + 1;
    }
    return new SpectralOutliers(r, delta, top[r], rounds);
  }

  /** OLS slope of λ_j..λ_{j+4} (1-based) on (j−1)^{2/3}..(j+3)^{2/3}. */
  static double edgeSlope(double[] top, int j) {
    double[] x = new double[5];
    double[] y = new double[5];
    double mx = 0;
    double my = 0;
    for (int i = 0; i < 5; i++) {
      x[i] = Math.pow(j - 1 + i, 2.0 / 3.0);
      y[i] = top[j - 1 + i];
      mx += x[i] / 5;
      my += y[i] / 5;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < 5; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }
}
