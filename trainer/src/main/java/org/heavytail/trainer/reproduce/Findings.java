package org.heavytail.trainer.reproduce;

import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * What one reproduction found, ready for {@link ReportWriter}: the report's title, the published
 * claim, the setup, the checks, the tables and the figures with their captions.
 *
 * @param title report title (first heading of {@code report.md})
 * @param claim the published claim, with its source
 * @param setup what was run, with every size and seed
 * @param checks the claim's parts and whether each held
 * @param mainTable the main result table (returned in {@link ReproductionResult#table()})
 * @param tables tables rendered in order after the checks
 * @param figures PNGs under the output folder
 * @param captions one caption per figure
 * @param discussion caveats (may be empty)
 */
public record Findings(
    String title,
    String claim,
    String setup,
    List<Check> checks,
    Table mainTable,
    List<Table> tables,
    List<Path> figures,
    List<String> captions,
    String discussion) {

  /** Copies the lists. */
  public Findings {
    checks = List.copyOf(checks);
    tables = List.copyOf(tables);
    figures = List.copyOf(figures);
    captions = List.copyOf(captions);
  }
}
