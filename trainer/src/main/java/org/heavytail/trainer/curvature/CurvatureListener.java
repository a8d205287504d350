package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainingListener;

/**
 * Runs {@link CurvatureReport} every K steps during training, on a fixed data subset, at the
 * weights after the step's update (θ_{k+1}), and writes {@code curvature.csv} (and {@code
 * curvature_density.csv} when densities are asked) in the run directory after every measurement
 * and at the end. It reads the weights through the model's block (the live parameters), not
 * through the lent step arrays, and holds no array of the step. On a resumed run (start step
 * s &gt; 0) the rows of steps ≤ s already in the files are kept and the new rows follow them.
 */
public final class CurvatureListener implements TrainingListener {

  private final CurvatureModel model;
  private final NDArray x;
  private final NDArray y;
  private final CurvatureConfig config;
  private final int every;
  private final CurvatureReport report = CurvatureReport.empty();
  private Path runDir;

  /**
   * A listener.
   *
   * @param model the network being trained, with its loss
   * @param x the fixed inputs (at least config.examples())
   * @param y their labels
   * @param config what to measure
   * @param every K ≥ 1: measure after steps K−1, 2K−1, … (every K-th step)
   */
  public CurvatureListener(CurvatureModel model, NDArray x, NDArray y, CurvatureConfig config,
      int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every = " + every + ": expected ≥ 1");
    }
    this.model = model;
    this.x = x;
    this.y = y;
    this.config = config;
    this.every = every;
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    runDir = run.runDir();
    if (run.startStep() > 0 && report.scalars().isEmpty()) {
      try {
        report.append(CurvatureReport.read(runDir.resolve("curvature.csv"),
            runDir.resolve("curvature_density.csv"), run.startStep()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the curvature CSV of " + runDir, e);
      }
    }
  }

  @Override
  public void onStep(StepContext step) {
    if ((step.step() + 1) % every != 0) {
      return;
    }
    report.append(CurvatureReport.run(model, x, y, config, step.step() + 1));
    write();
  }

  @Override
  public void onTrainingEnd(RunInfo run) {
    write();
  }

  /** The rows measured so far. */
  public CurvatureReport report() {
    return report;
  }

  private void write() {
    if (runDir == null) {
      return;
    }
    try {
      Files.createDirectories(runDir);
      report.scalars().write().csv(runDir.resolve("curvature.csv").toFile());
      if (!report.density().isEmpty()) {
        report.density().write().csv(runDir.resolve("curvature_density.csv").toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write curvature CSV in " + runDir, e);
    }
  }
}
