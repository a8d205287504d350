package org.heavytail.trainer.reproduce.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.heavytail.trainer.reproduce.Reproductions;
import org.heavytail.trainer.reproduce.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Needs ../shared/data/mnist; fails with the data locator's message when it is absent. */
class AlignmentReproductionTest {

  @TempDir Path dir;

  @Test
  void alignmentAndStabilityBoundHoldOnAGridOfMnistRuns() throws Exception {
    long t0 = System.nanoTime();
    Path out = System.getProperty("align.out") != null ? Path.of(System.getProperty("align.out")) : dir;
    ReproductionResult r = Reproductions.byName("alignment").run(Scale.TEST, out, 1L);
    System.out.printf("alignment TEST: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    Table g = r.table();
    System.out.println(g.print());
    for (Check c : r.checks()) {
      System.out.println(c.passed() + " " + c.claim() + " -- " + c.measured());
    }
    assertEquals(4, g.rowCount());
    assertTrue(Files.exists(r.report()));
  }
}
