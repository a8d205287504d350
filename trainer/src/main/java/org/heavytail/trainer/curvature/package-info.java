/**
 * Curvature of the training loss and the alignment of SGD noise with it (SCIENCE.md §3): exact
 * Hessian-vector products by double backward ({@link org.heavytail.trainer.curvature.HessianOperator}),
 * per-sample gradients ({@link org.heavytail.trainer.curvature.PerSampleGradients}), Lanczos
 * eigenvalues, Hutchinson trace and Frobenius norm, stochastic Lanczos quadrature densities, the
 * alignment ratio μ of Wu, Wang and Su (2022) and a linear-stability check of SGD.
 *
 * <p>Everything works on any DJL {@link ai.djl.nn.Block} with the PyTorch engine, a per-example
 * loss and data given as NDArrays ({@link org.heavytail.trainer.curvature.CurvatureModel}).
 */
package org.heavytail.trainer.curvature;
