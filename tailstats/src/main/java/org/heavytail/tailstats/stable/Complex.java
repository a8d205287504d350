package org.heavytail.tailstats.stable;

/**
 * A complex number re + i·im, as returned by {@link StableDistribution#characteristicFunction}.
 *
 * @param re real part
 * @param im imaginary part
 */
public record Complex(double re, double im) {

  /** e^(re + i·im) = e^re (cos im + i sin im). */
  public static Complex exp(double re, double im) {
    double m = Math.exp(re);
    return new Complex(m * Math.cos(im), m * Math.sin(im));
  }

  /** |z|. */
  public double abs() {
    return Math.hypot(re, im);
  }

  /** arg z in (−π, π]. */
  public double arg() {
    return Math.atan2(im, re);
  }
}
