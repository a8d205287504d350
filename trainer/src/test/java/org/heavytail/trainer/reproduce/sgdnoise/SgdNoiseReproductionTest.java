package org.heavytail.trainer.reproduce.sgdnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.heavytail.trainer.reproduce.Reproductions;
import org.heavytail.trainer.reproduce.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Needs ../shared/data/mnist; fails with the data locator's message when it is absent. */
class SgdNoiseReproductionTest {

  @TempDir Path dir;

  @Test
  void gradientNoiseOfAnMnistMlpIsHeavyTailed() throws Exception {
    ReproductionResult r = Reproductions.byName("sgd-noise").run(Scale.TEST, dir, 3L);
    Table s = r.table();
    assertEquals(1, s.rowCount());
    for (Check c : r.checks()) {
      assertTrue(c.passed(), c.claim() + " -- " + c.measured());
    }
    double a = s.doubleColumn("alpha_overall_last").get(0);
    assertTrue(a > 0.5 && a < 1.9, "overall alpha-hat " + a);
  }
}
