package org.heavytail.tailstats.spectrum;

/**
 * A continuous power-law fit p(λ) ∝ λ^{−a} for λ ≥ x_min of a set of eigenvalues.
 *
 * @param densityExponent the density exponent a (WeightWatcher's α); not a stable index
 * @param xmin the lower cut-off x_min chosen by minimum Kolmogorov–Smirnov distance
 * @param ksDistance the KS distance between the tail's empirical CDF and the fitted law
 * @param tailCount number of eigenvalues ≥ x_min used in the fit
 * @param count number of eigenvalues given
 * @param standardError (a − 1)/√tailCount (Clauset, Shalizi &amp; Newman 2009, eq. 3.2)
 */
public record SpectrumPowerLaw(
    double densityExponent, double xmin, double ksDistance, int tailCount, int count,
    double standardError) {}
