package org.heavytail.trainer.loop;

import java.nio.file.Path;

/**
 * Identity of a training run as listeners see it.
 *
 * @param runDir the run directory (config, metrics, checkpoints, snapshots)
 * @param startStep the step the loop starts at: 0 for a new run, the checkpoint's step on resume
 * @param totalSteps the step count the run is planned to reach
 * @param stepsPerEpoch number of minibatches per epoch
 */
public record RunInfo(Path runDir, long startStep, long totalSteps, int stepsPerEpoch) {}
