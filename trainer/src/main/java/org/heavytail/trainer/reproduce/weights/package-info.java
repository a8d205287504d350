/**
 * Reproduction {@code weights} (Martin &amp; Mahoney, "Implicit self-regularization in deep neural
 * networks", JMLR 2021; WeightWatcher): the power-law exponent of each layer's empirical spectral
 * density of WᵀW/N during training, against test accuracy.
 */
package org.heavytail.trainer.reproduce.weights;
