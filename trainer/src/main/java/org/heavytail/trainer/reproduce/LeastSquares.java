package org.heavytail.trainer.reproduce;

/**
 * Ordinary least squares of y on a constant and x, for the reproductions' trend and edge fits:
 * slope β̂ = Σ(x_i − x̄)(y_i − ȳ) / Σ(x_i − x̄)².
 */
public final class LeastSquares {
  private LeastSquares() {}

  /**
   * The OLS slope of {@code y} on {@code x} (same length); NaN when all x are equal.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double slope(double[] x, double[] y) {
    int n = x.length;
    if (y.length != n) {
      throw new IllegalArgumentException("least squares: " + n + " x values but " + y.length
          + " y values");
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      sxy += dx * (y[i] - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}
