/**
 * Reproduction {@code sgd-noise} (Şimşekli, Sagun &amp; Gürbüzbalaban, ICML 2019, "A tail-index
 * analysis of stochastic gradient noise in deep neural networks"): α̂ of the gradient noise of
 * fully connected networks on MNIST along training, per layer and overall, over widths, depths and
 * batch sizes.
 */
package org.heavytail.trainer.reproduce.sgdnoise;
