/**
 * The training loop: seeded minibatch sampling, the step, listeners, checkpoints and resume.
 * A listener that needs the live network (curvature during training) implements {@link
 * org.heavytail.trainer.loop.LiveNetworkListener} and is lent a {@link
 * org.heavytail.trainer.loop.LiveNetwork} before the first step.
 */
package org.heavytail.trainer.loop;
