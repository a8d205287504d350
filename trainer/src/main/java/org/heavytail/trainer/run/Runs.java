package org.heavytail.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.SnapshotHooks;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.Training;

/**
 * Entry points for notebooks and scripts: train a run or open one that exists.
 *
 * <pre>{@code
 * Run run = Runs.train(TrainConfig.builder().setSteps(300).optSubset(10_000).build(),
 *     SnapshotConfig.builder().setWhat(Set.of(SnapshotConfig.What.NOISE)).optNoiseEvery(100).build());
 * run.noise("01Linear_weight").tailIndex();
 * }</pre>
 */
public final class Runs {
  private Runs() {}

  /** Opens the run directory {@code dir} written by {@code heavytail train} or {@link #train}. */
  public static Run open(Path dir) {
    return Run.open(dir);
  }

  /** Opens the run directory named by {@code dir}. */
  public static Run open(String dir) {
    return Run.open(Path.of(dir));
  }

  /** Trains with {@code config} and no snapshot hooks; returns the finished run. */
  public static Run train(TrainConfig config) {
    return train(config, null);
  }

  /**
   * Trains with {@code config}, recording what {@code snapshots} asks for (null: nothing), and
   * returns the finished run. I/O failures surface as {@link UncheckedIOException} so that a
   * notebook cell stays one line.
   */
  public static Run train(TrainConfig config, SnapshotConfig snapshots) {
    Training.configureThreads();
    try {
      var listeners = snapshots == null ? java.util.List.<org.heavytail.trainer.loop.TrainingListener>of()
          : SnapshotHooks.listeners(snapshots);
      return Run.open(Training.run(config, listeners).runDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
