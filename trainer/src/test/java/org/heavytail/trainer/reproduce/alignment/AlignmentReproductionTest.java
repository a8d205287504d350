package org.heavytail.trainer.reproduce.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.QuickRun;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Needs ../shared/data/mnist; fails with the data locator's message when it is absent. */
class AlignmentReproductionTest {

  @TempDir Path dir;

  /**
   * The {@code --quick} grid (η ∈ {0.05, 0.1, 0.2, 0.4} × B ∈ {8, 32, 128}, 2,000 steps of a
   * 784-64-10 MLP on 1,000 images, widths 32 and 256; the command's default seed):
   * recomputes each claim from the table's measured columns and asserts it, and that the
   * report's verdicts agree with them.
   */
  @Test
  void sharpnessFallsWithEtaStaysBelowTheBoundAndMuIsOfOrderOne() throws Exception {
    ReproductionResult r = QuickRun.of("alignment", dir);
    assertTrue(Files.exists(r.report()));
    Table g = r.table();
    assertEquals(12, g.rowCount());
    int converged = 0;
    for (int i = 0; i < g.rowCount(); i++) {
      if (!g.stringColumn("status").get(i).equals("converged")) {
        continue;
      }
      converged++;
      double mu = g.doubleColumn("mu").get(i);
      double eta = g.doubleColumn("eta").get(i);
      int b = g.intColumn("batch").get(i);
      double fro = g.doubleColumn("frobenius").get(i);
      assertTrue(mu >= 0.05 && mu <= 20, "mu " + mu);
      assertEquals(eta * fro / Math.sqrt(b), g.doubleColumn("eta_frob_over_sqrt_b").get(i),
          1e-9);
      assertTrue(eta * fro / Math.sqrt(b) <= 1 / Math.sqrt(mu), "bound at row " + i);
    }
    assertTrue(converged >= AlignmentReproduction.MIN_CELLS, converged + " converged cells\n"
        + g.print());
    // trend at each batch size: the larger learning rate ends flatter
    for (int b : new int[] {8, 32, 128}) {
      Table t = g.where(g.intColumn("batch").isEqualTo(b)
          .and(g.stringColumn("status").isEqualTo("converged"))).sortAscendingOn("eta");
      if (t.rowCount() >= 2) {
        double small = t.doubleColumn("frobenius").get(0);
        double large = t.doubleColumn("frobenius").get(t.rowCount() - 1);
        assertTrue(large < small, "B = " + b + ": ||H||_F " + large + " at the largest "
            + "converged eta vs " + small + " at the smallest\n" + t.print());
      }
    }
    for (Check c : r.checks()) {
      assertTrue(c.passed(), c.claim() + " -- " + c.measured());
    }
  }

  @Test
  void logLogSlopeOfAPowerLawIsItsExponent() {
    double[] x = {1, 2, 4, 8};
    double[] y = {3, 3 * Math.sqrt(2), 6, 6 * Math.sqrt(2)};
    assertEquals(0.5, AlignmentReproduction.logLogSlope(x, y), 1e-12);
    assertEquals(0.0, AlignmentReproduction.logLogSlope(x, new double[] {5, 5, 5, 5}), 1e-12);
  }
}
