package org.heavytail.trainer.reproduce.optimizers;

/**
 * The double-well loss f(x) = h (x² − 1)², minima at x = ±1, barrier of height h at x = 0 and
 * curvature f''(±1) = 8h. Its gradient f'(x) = 4h x (x² − 1) is clipped to |f'| ≤ 24h = |f'(±2)|
 * so that the large jumps of heavy-tailed noise cannot make discretized gradient descent diverge
 * (beyond |x| = 2 the descent is a constant pull back towards the wells).
 *
 * @param height barrier height h &gt; 0
 */
public record DoubleWell(double height) {

  /** Validates the height. */
  public DoubleWell {
    if (!(height > 0) || Double.isInfinite(height)) {
      throw new IllegalArgumentException("height: expected a finite barrier height > 0, got "
          + height);
    }
  }

  /** f(x) = h (x² − 1)². */
  public double loss(double x) {
    double u = x * x - 1;
    return height * u * u;
  }

  /** The clipped gradient: clamp(4h x (x² − 1), −24h, 24h). */
  public double gradient(double x) {
    double g = 4 * height * x * (x * x - 1);
    double cap = 24 * height;
    return Math.max(-cap, Math.min(cap, g));
  }
}
