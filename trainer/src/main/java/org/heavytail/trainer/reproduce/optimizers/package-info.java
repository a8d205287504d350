/**
 * Reproduction {@code optimizers} (Hodgkinson &amp; Mahoney, ICML 2021, "Multiplicative noise and
 * heavy tails in stochastic optimization"): tail indices of iterates and updates of several
 * optimizers on least squares ({@link org.heavytail.trainer.reproduce.optimizers.ToyChains}) and
 * basin hopping on a double well under multiplicative, α-stable and Gaussian noise ({@link
 * org.heavytail.trainer.reproduce.optimizers.BasinHopping}).
 */
package org.heavytail.trainer.reproduce.optimizers;
