package org.heavytail.trainer.reproduce.sgdnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.QuickRun;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Needs ../shared/data/mnist; fails with the data locator's message when it is absent. */
class SgdNoiseReproductionTest {

  @TempDir Path dir;

  /**
   * The paper's claim at the {@code --quick} scale (the command's default seed), from the
   * computed table: the overall block-sum α̂ of the gradient noise is below 1.9 in every run of
   * the sweep (two widths, two depths, two batch sizes), and the reproduction's own check agrees
   * with the table.
   */
  @Test
  void gradientNoiseIsHeavyTailedAcrossWidthDepthAndBatch() throws Exception {
    ReproductionResult r = QuickRun.of("sgd-noise", dir);
    Table s = r.table();
    assertEquals(6, s.rowCount(), s.print());
    Set<String> sweeps = new TreeSet<>(s.stringColumn("sweep").asList());
    assertEquals(Set.of("width", "depth", "batch"), sweeps);
    double max = 0;
    for (int i = 0; i < s.rowCount(); i++) {
      double a = s.doubleColumn("alpha_overall_last").get(i);
      assertTrue(a > 0.5 && a < 1.9, s.stringColumn("variant").get(i) + ": overall alpha-hat "
          + a);
      max = Math.max(max, a);
    }
    Check heavy = r.checks().get(0);
    assertEquals(max < 1.9, heavy.passed(), heavy.measured());
  }
}
