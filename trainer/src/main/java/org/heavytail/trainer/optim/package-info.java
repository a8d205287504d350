/**
 * Optimizers: a small SPI ({@link org.heavytail.trainer.optim.Optimizer}, found by name through
 * {@link org.heavytail.trainer.optim.OptimizerFactory} and {@link java.util.ServiceLoader}) and
 * the built-in methods, each documenting its update formula and source.
 *
 * <p>Built in (factory name: class): {@code sgd}, {@code momentum}, {@code nesterov}: {@link
 * org.heavytail.trainer.optim.Sgd}; {@code adam}, {@code adamw}: {@link
 * org.heavytail.trainer.optim.Adam}; {@code rmsprop}: {@link org.heavytail.trainer.optim.RmsProp};
 * {@code adagrad}: {@link org.heavytail.trainer.optim.AdaGrad}; {@code diffgrad}: {@link
 * org.heavytail.trainer.optim.DiffGrad}; {@code newton}: {@link
 * org.heavytail.trainer.optim.StochasticNewton}; {@code noisy-sgd}: {@link
 * org.heavytail.trainer.optim.NoisySgd}. All share {@link
 * org.heavytail.trainer.optim.AbstractOptimizer}: the options {@code lr}, {@code weight-decay}
 * (coupled L2, decoupled for {@code adamw}) and a learning-rate schedule ({@code schedule},
 * {@code total}, {@code warmup}, {@code step-size}, {@code gamma}, {@code lr-min}; see {@link
 * org.heavytail.trainer.optim.schedule.LearningRateSchedule}); an unknown option key is an error
 * that lists the accepted keys. {@code seed} is accepted by all and used by {@code noisy-sgd}.
 * Each factory states its default learning rate ({@link
 * org.heavytail.trainer.optim.OptimizerFactory#defaultLearningRate()}, used when {@code lr} is
 * absent: sgd and noisy-sgd 0.1, momentum and nesterov 0.01, adam and adamw 1e-3, diffgrad 2e-3,
 * rmsprop and adagrad 1e-2, newton 1). AdaGrad and RMSProp share {@link
 * org.heavytail.trainer.optim.SquaredGradientScaling}.
 *
 * <p>A user optimizer needs only an {@code Optimizer}, an {@code OptimizerFactory} and a line in
 * {@code META-INF/services/org.heavytail.trainer.optim.OptimizerFactory} on the classpath.
 */
package org.heavytail.trainer.optim;
