package org.heavytail.trainer.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.heavytail.trainer.hook.NoiseReference;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.SnapshotHooks;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.TrainingListener;
import tech.tablesaw.api.Table;

/**
 * The closing summary of a default {@code heavytail train}: the Şimşekli et al. (2019) noise
 * probe at a few steps ({@value #PROBES} probes spread over the run, {@value #BATCHES} disjoint
 * minibatches each, reference = the probe minibatches' mean as in their scripts, so a probe costs
 * {@value #BATCHES} minibatch gradients; at most {@value #COORDINATES} seeded coordinates per
 * layer are kept), then {@link RunReport} and a small table of α̂ per layer
 * at the last probe.
 *
 * <p>Use: {@code Training.run(config, QuickSummary.listeners(config, trainSize))}, then {@link
 * #finish(Path, PrintWriter)} with the run directory.
 */
public final class QuickSummary {

  /** Noise probes per run. */
  public static final int PROBES = 3;

  /** Minibatches per probe. */
  public static final int BATCHES = 50;

  /** Coordinates kept per layer (a fixed seeded subset), so a probe stays small. */
  public static final int COORDINATES = 20_000;

  private QuickSummary() {}

  /** The snapshot configuration: the frozen-θ noise probe only. */
  public static SnapshotConfig probeConfig(long plannedSteps, long seed) {
    if (plannedSteps < 1) {
      throw new IllegalArgumentException("plannedSteps: expected >= 1, got " + plannedSteps);
    }
    int every = (int) Math.max(1, plannedSteps / PROBES);
    return SnapshotConfig.builder().setWhat(EnumSet.of(SnapshotConfig.What.NOISE))
        .optNoiseEvery(every).optNoiseBatches(BATCHES)
        .optNoiseReference(NoiseReference.probeMean()).optCoordinates(COORDINATES).optSeed(seed)
        .build();
  }

  /** Steps the run will take: {@code steps}, or epochs · ⌈n/b⌉ for a training set of n. */
  public static long plannedSteps(TrainConfig config, int trainSize) {
    if (config.steps() > 0) {
      return config.steps();
    }
    int n = config.subset() > 0 ? Math.min(config.subset(), trainSize) : trainSize;
    return (long) config.epochs() * ((n + config.batchSize() - 1) / config.batchSize());
  }

  /** The listeners to add to the run. */
  public static List<TrainingListener> listeners(TrainConfig config, int trainSize) {
    return SnapshotHooks.listeners(probeConfig(plannedSteps(config, trainSize), config.seed()));
  }

  /**
   * Writes the run's report and prints α̂ per layer at the last probe (block-sum with its 95%
   * interval, characteristic function) and the report's path.
   *
   * @return the per-layer table printed
   */
  public static Table finish(Path runDir, PrintWriter out) throws IOException {
    Path report = RunReport.write(runDir);
    Path csv = runDir.resolve("report_alpha_noise.csv");
    Table last = null;
    if (Files.exists(csv)) {
      Table t = Table.read().csv(csv.toFile());
      if (t.rowCount() > 0) {
        long maxStep = (long) t.numberColumn("step").max();
        last = t.where(t.numberColumn("step").isEqualTo(maxStep));
        last.setName("alpha per layer at step " + maxStep);
        out.printf(Locale.ROOT, "gradient-noise tail index per layer (noise probe, step %d, %d "
            + "minibatches):%n", maxStep, BATCHES);
        out.printf(Locale.ROOT, "  %-24s %8s %18s %8s %s%n", "layer", "block-sum", "95% interval",
            "charfn", "");
        for (int i = 0; i < last.rowCount(); i++) {
          double a = last.numberColumn("alpha_block_sum").getDouble(i);
          out.printf(Locale.ROOT, "  %-24s %8.3f   [%6.3f, %6.3f] %8.3f %s%n",
              last.stringColumn("layer").get(i), a,
              last.numberColumn("ci_low").getDouble(i), last.numberColumn("ci_high").getDouble(i),
              last.numberColumn("alpha_charfn").getDouble(i),
              a >= 1.9 ? "(compatible with Gaussian)" : "");
        }
      }
    }
    if (last == null) {
      out.println("no noise-probe records: no tail-index table");
    }
    out.printf(Locale.ROOT, "report: %s%n", report.toAbsolutePath());
    out.flush();
    return last;
  }
}
