package org.heavytail.trainer.loop;

/**
 * Train and test metrics at the end of one epoch.
 *
 * @param epoch 0-based epoch index
 * @param step global step count at the end of the epoch
 * @param trainLoss mean training loss over the epoch's minibatches
 * @param trainAccuracy training accuracy over the epoch's minibatches (NaN for regression)
 * @param testLoss mean loss on the test split (NaN when not evaluated)
 * @param testAccuracy accuracy on the test split (NaN when not evaluated or regression)
 * @param seconds wall time of the epoch's training steps
 */
public record EpochSummary(
    int epoch,
    long step,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double seconds) {}
