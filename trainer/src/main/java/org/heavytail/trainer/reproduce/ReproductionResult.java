package org.heavytail.trainer.reproduce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * What a reproduction produced.
 *
 * @param name the reproduction's name ({@code kesten}, ...)
 * @param scale the scale it ran at
 * @param checks the claim's parts and whether each held
 * @param table the main result table (also written as CSV)
 * @param report path of the written {@code report.md}
 * @param figures paths of the written PNG figures
 * @param wall wall-clock time of the run
 */
public record ReproductionResult(
    String name,
    Scale scale,
    List<Check> checks,
    Table table,
    Path report,
    List<Path> figures,
    Duration wall) {

  /** Copies the lists. */
  public ReproductionResult {
    checks = List.copyOf(checks);
    figures = List.copyOf(figures);
  }

  /** The verdict over all checks. */
  public Verdict verdict() {
    int passed = (int) checks.stream().filter(Check::passed).count();
    return Verdict.of(passed, checks.size());
  }
}
