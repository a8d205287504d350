/**
 * Power-law fits of eigenvalue spectra (the α of WeightWatcher, Martin &amp; Mahoney): a density
 * exponent of the empirical spectral density of WᵀW/N, typically 2 to 6. It is NOT a stable
 * tail index and never shares a column with one: its result type is {@link
 * org.heavytail.tailstats.spectrum.SpectrumPowerLaw}, not {@code TailIndexEstimate}.
 */
package org.heavytail.tailstats.spectrum;
