/**
 * Optimizers: a small SPI ({@link org.heavytail.trainer.optim.Optimizer}, found by name through
 * {@link org.heavytail.trainer.optim.OptimizerFactory} and {@link java.util.ServiceLoader}) and
 * the built-in methods, each documenting its update formula and source.
 */
package org.heavytail.trainer.optim;
