package org.heavytail.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.CurvatureReport;
import org.heavytail.trainer.curvature.RunHessian;
import org.heavytail.trainer.hook.SnapshotSink;
import org.heavytail.trainer.report.RunReport;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.Table;

/**
 * One run directory seen as tables and series: {@code steps.csv} and {@code epochs.csv} as
 * Tablesaw tables, the snapshot store's series per (layer, kind), the noise tail indices, and the
 * report. Immutable; the store is opened on demand.
 */
public final class Run {
  private final Path dir;

  private Run(Path dir) {
    this.dir = dir;
  }

  static Run open(Path dir) {
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new IllegalArgumentException(
          "run directory " + dir.toAbsolutePath() + ": no config.json (expected a folder written"
              + " by heavytail train)");
    }
    return new Run(dir);
  }

  /** The run directory. */
  public Path dir() {
    return dir;
  }

  /** Per-step loss ({@code steps.csv}: step, epoch, loss). */
  public Table steps() {
    return csv("steps.csv");
  }

  /** Per-epoch train/test loss and accuracy ({@code epochs.csv}). */
  public Table epochs() {
    return csv("epochs.csv");
  }

  /** The snapshot store of the run. */
  public SnapshotStore store() {
    try {
      return SnapshotStore.open(dir.resolve(SnapshotSink.DIR));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Layer names that the store holds, in model order. */
  public List<String> layers() {
    return new ArrayList<>(store().layers().keySet());
  }

  /** The gradient-noise series U_B = g_B − g of {@code layer}. */
  public Series noise(String layer) {
    return new Series(store(), layer, SnapshotKind.NOISE);
  }

  /** The series of {@code kind} ({@code grads}, {@code weights}, {@code updates}, ...) of a layer. */
  public Series series(String layer, String kind) {
    return new Series(store(), layer, SnapshotKind.of(kind));
  }

  /** α̂ of the gradient noise per (layer, probed step): block-sum with interval and charfn. */
  public Table noiseTailIndices() {
    try {
      return RunReport.probeAlphas(store(), layers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Curvature at the newest checkpoint (top eigenvalues, trace, ‖H‖_F², alignment μ, ... as
   * {@code config} asks), with the run's learning rate and batch size: {@link RunHessian#analyse}.
   */
  public CurvatureReport hessian(CurvatureConfig.Builder config) {
    try {
      return RunHessian.analyse(dir, null, config, null).report();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code report.md} and its figures; returns the report's path. */
  public Path report() {
    try {
      return RunReport.write(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The per-step training loss as a chart (log scale on y). */
  public XYChart lossChart() {
    Table s = steps();
    XYChart c = new XYChartBuilder().width(640).height(360).title("training loss")
        .xAxisTitle("step").yAxisTitle("loss").build();
    c.addSeries("loss", s.numberColumn("step").asDoubleArray(),
        s.numberColumn("loss").asDoubleArray());
    c.getStyler().setYAxisLogarithmic(true).setMarkerSize(0).setLegendVisible(false);
    return c;
  }

  private Table csv(String name) {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException("run directory " + dir + ": " + name + " is missing");
    }
    try {
      return Table.read().csv(f.toFile());
    } catch (Exception e) {
      throw new IllegalArgumentException(f + ": not a readable CSV table: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Run[" + dir + "]";
  }
}
