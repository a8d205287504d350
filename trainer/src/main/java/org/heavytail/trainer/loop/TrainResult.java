package org.heavytail.trainer.loop;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Training#run}.
 *
 * @param runDir the run directory
 * @param steps steps done in total (including those before a resume)
 * @param epochs the per-epoch summaries, as in epochs.csv
 * @param finalTestLoss test loss at the final weights (NaN when not evaluated)
 * @param finalTestAccuracy test accuracy at the final weights (NaN when not evaluated or
 *     regression)
 * @param seconds wall time of this invocation's training steps
 * @param stepsPerSecond this invocation's steps divided by its step time
 */
public record TrainResult(
    Path runDir,
    long steps,
    List<EpochSummary> epochs,
    double finalTestLoss,
    double finalTestAccuracy,
    double seconds,
    double stepsPerSecond) {}
