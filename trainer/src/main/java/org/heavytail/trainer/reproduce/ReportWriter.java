package org.heavytail.trainer.reproduce;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.heavytail.trainer.report.Markdown;
import tech.tablesaw.api.Table;

/**
 * Writes a reproduction's {@code report.md} in the common layout: claim, setup, checks with a
 * verdict, tables, figures. Shared by every {@link Reproduction} (through {@link
 * ScaledReproduction}, which also times the run).
 */
public final class ReportWriter {

  private ReportWriter() {}

  /**
   * Writes {@code outDir/report.md} from {@code f} and returns the result record.
   *
   * @param name the reproduction's name
   * @param wall wall-clock time of the run, stated in the setup
   */
  public static ReproductionResult write(String name, Scale scale, Path outDir, Findings f,
      Duration wall) throws IOException {
    Markdown md = Markdown.titled(f.title());
    md.heading(2, "Published claim").paragraph(f.claim());
    md.heading(2, "Setup").paragraph(f.setup() + "\n\nScale: `" + scale.label()
        + "`, wall time " + String.format(java.util.Locale.ROOT, "%.1f s",
        wall.toMillis() / 1000.0) + ".");
    md.heading(2, "Checks");
    for (Check c : f.checks()) {
      md.bullet((c.passed() ? "**holds**: " : "**fails**: ") + c.claim() + " Measured: "
          + c.measured());
    }
    md.endList();
    int passed = (int) f.checks().stream().filter(Check::passed).count();
    Verdict v = Verdict.of(passed, f.checks().size());
    md.paragraph("**Verdict: " + v.label() + "** (" + passed + " of " + f.checks().size()
        + " checks hold).");
    if (f.discussion() != null && !f.discussion().isBlank()) {
      md.heading(2, "Discussion").paragraph(f.discussion());
    }
    md.heading(2, "Tables");
    for (Table t : f.tables()) {
      md.heading(3, t.name() + " (`" + t.name() + ".csv`)").table(t);
    }
    List<Path> figures = f.figures();
    if (!figures.isEmpty()) {
      md.heading(2, "Figures");
      for (int i = 0; i < figures.size(); i++) {
        String cap = i < f.captions().size() ? f.captions().get(i)
            : figures.get(i).getFileName().toString();
        md.paragraph(cap).image(outDir, figures.get(i), cap);
      }
    }
    Path report = md.write(outDir.resolve("report.md"));
    return new ReproductionResult(name, scale, f.checks(), f.mainTable(), report, figures, wall);
  }

  /** Writes each table as {@code outDir/<table name>.csv}. */
  public static void writeCsv(Path outDir, Table... tables) throws IOException {
    java.nio.file.Files.createDirectories(outDir);
    for (Table t : tables) {
      t.write().csv(outDir.resolve(t.name() + ".csv").toFile());
    }
  }
}
