package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heavytail.trainer.sweep.Sweep;
import org.heavytail.trainer.sweep.SweepGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heavytail sweep GRID.yaml --out DIR [--parallel N] [--retry-failed]}: runs every point
 * of a grid ({@link SweepGrid}) with {@link Sweep}, then prints where {@code sweep.csv} and the
 * figures are. Exits 0 when every point is done, 3 when some failed (recorded in sweep.csv).
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Run a grid of training runs (resumable); merge their summaries into sweep.csv"
        + " with one figure per swept axis.")
public final class SweepCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "GRID", description = "Grid file (.yaml, .yml or .json).")
  Path grid;

  @Option(names = "--out", required = true, description = "Sweep directory (points/, sweep.csv, fig-*.png).")
  Path out;

  @Option(names = "--parallel", description = "Points run at once, each in its own child JVM"
      + " (default: ${DEFAULT-VALUE}: one after another in this JVM).")
  int parallel = 1;

  @Option(names = "--child-heap", description = "Heap of each child JVM (default: ${DEFAULT-VALUE}).")
  String childHeap = "2g";

  @Option(names = "--retry-failed", description = "Rerun points whose recorded status is failed.")
  boolean retryFailed;

  @Option(names = "--data-dir", description = "Folder holding <dataset>/ (default: search path).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (!java.nio.file.Files.isRegularFile(grid)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "GRID " + grid + ": no such file");
    }
    Sweep sweep;
    try {
      sweep = Sweep.builder().setGrid(SweepGrid.read(grid)).setOut(out).optParallel(parallel)
          .optRetryFailed(retryFailed).optDataDir(dataDir).optChildHeap(childHeap)
.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Sweep.Outcome o = sweep.run();
    java.io.PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "points: %d (ran %d, skipped %d, failed %d) in %.1f s%n",
        o.results().size(), o.ran(), o.skipped(), o.failed(), o.seconds());
    w.printf(Locale.ROOT, "table: %s%n", o.csv());
    o.figures().forEach(f -> w.printf(Locale.ROOT, "figure: %s%n", f));
    w.flush();
    return o.failed() > 0 ? 3 : 0;
  }
}
