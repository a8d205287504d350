/**
 * Reproduction {@code hessian-spectrum} (Sagun, Evci, Güney, Dauphin &amp; Bottou, "Empirical
 * analysis of the Hessian of over-parametrized neural networks", 2017/2018): the Hessian spectrum
 * of a trained network is a bulk near zero plus outliers, about one per class. MLPs trained on
 * MNIST class subsets (k ∈ {2, 3, 5, 7, 10}); top eigenvalues by Lanczos, density by stochastic
 * Lanczos quadrature, outliers counted by Onatski's edge-distribution rule ({@link
 * org.heavytail.trainer.reproduce.hessianspectrum.SpectralOutliers}).
 */
package org.heavytail.trainer.reproduce.hessianspectrum;
