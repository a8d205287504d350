package org.heavytail.trainer.loop;

import org.heavytail.datasets.ArrayData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.Network;

/**
 * The live objects of a run, lent to a {@link LiveNetworkListener} before the first step: the
 * network being trained (its parameters change in place at every step), the loss, the training
 * data exactly as the loop sees it (after {@code subset} and feature standardisation) and the
 * resolved config. Valid until {@link TrainingListener#onTrainingEnd}; the listener must not
 * close the network nor change its weights.
 *
 * @param network the network being trained
 * @param loss the training loss
 * @param train the training examples as the loop uses them
 * @param config the run's config (learning rate resolved)
 */
public record LiveNetwork(Network network, LossKind loss, ArrayData train, TrainConfig config) {}
