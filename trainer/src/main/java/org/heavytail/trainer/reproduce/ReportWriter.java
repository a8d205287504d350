package org.heavytail.trainer.reproduce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.heavytail.trainer.report.Markdown;
import tech.tablesaw.api.Table;

/**
 * Writes a reproduction's {@code report.md} in the common layout: claim, setup, checks with a
 * verdict, tables, figures. Shared by every {@link Reproduction}.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /**
   * Writes {@code outDir/report.md} and returns the result record.
   *
   * @param tables named tables, rendered in order after the checks
   * @param figures PNGs (under outDir) with captions, rendered last
   */
  public static ReproductionResult write(
      String name,
      String title,
      String claim,
      String setup,
      Scale scale,
      Path outDir,
      List<Check> checks,
      Table mainTable,
      List<Table> tables,
      List<Path> figures,
      List<String> captions,
      String discussion,
      Duration wall)
      throws IOException {
    Markdown md = Markdown.titled(title);
    md.heading(2, "Published claim").paragraph(claim);
    md.heading(2, "Setup").paragraph(setup + "\n\nScale: `" + scale.label() + "`, wall time "
        + String.format(java.util.Locale.ROOT, "%.1f s", wall.toMillis() / 1000.0) + ".");
    md.heading(2, "Checks");
    for (Check c : checks) {
      md.bullet((c.passed() ? "**holds**: " : "**fails**: ") + c.claim() + " Measured: "
          + c.measured());
    }
    md.endList();
    int passed = (int) checks.stream().filter(Check::passed).count();
    Verdict v = Verdict.of(passed, checks.size());
    md.paragraph("**Verdict: " + v.label() + "** (" + passed + " of " + checks.size()
        + " checks hold).");
    if (discussion != null && !discussion.isBlank()) {
      md.heading(2, "Discussion").paragraph(discussion);
    }
    md.heading(2, "Tables");
    for (Table t : tables) {
      md.heading(3, t.name() + " (`" + t.name() + ".csv`)").table(t);
    }
    if (!figures.isEmpty()) {
      md.heading(2, "Figures");
      for (int i = 0; i < figures.size(); i++) {
        String cap = i < captions.size() ? captions.get(i) : figures.get(i).getFileName().toString();
        md.paragraph(cap).image(outDir, figures.get(i), cap);
      }
    }
    Path report = md.write(outDir.resolve("report.md"));
    return new ReproductionResult(name, scale, checks, mainTable, report, figures, wall);
  }

  /** Writes each table as {@code outDir/<table name>.csv}. */
  public static void writeCsv(Path outDir, Table... tables) throws IOException {
    java.nio.file.Files.createDirectories(outDir);
    for (Table t : tables) {
      t.write().csv(outDir.resolve(t.name() + ".csv").toFile());
    }
  }
}
