/**
 * The training loop: seeded minibatch sampling, the step, listeners, checkpoints and resume.
 */
package org.heavytail.trainer.loop;
