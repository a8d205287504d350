package org.heavytail.trainer.reproduce.hessianspectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heavytail.trainer.reproduce.QuickRun;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class HessianSpectrumReproductionTest {

  @TempDir Path dir;

  /**
   * Needs ../shared/data/mnist (fails with the data locator's message when absent). Trains the
   * {@code --quick} MLPs (784-40-k) on 2, 3, 5, 7 and 10 MNIST classes and asserts the published
   * trend from the computed spectra: more classes, more outliers; and a bulk concentrated near
   * zero.
   */
  @Test
  void outliersGrowWithTheNumberOfClasses() throws Exception {
    ReproductionResult r = QuickRun.of("hessian-spectrum", dir);
    Table s = r.table();
    assertEquals(5, s.rowCount());
    int first = s.intColumn("outliers").get(0);
    int last = s.intColumn("outliers").get(4);
    assertTrue(last > first, "outliers at k = 10 (" + last + ") > at k = 2 (" + first + ")");
    boolean nonDecreasing = true;
    for (int i = 1; i < s.rowCount(); i++) {
      nonDecreasing &= s.intColumn("outliers").get(i) >= s.intColumn("outliers").get(i - 1);
    }
    assertTrue(nonDecreasing, "outliers along k = 2, 3, 5, 7, 10: "
        + s.intColumn("outliers").asList());
    for (int i = 0; i < s.rowCount(); i++) {
      assertTrue(s.doubleColumn("lambda_1_over_edge").get(i) >= 1);
      assertTrue(s.doubleColumn("mass_near_zero").get(i) > 0.5,
          "bulk mass near zero " + s.doubleColumn("mass_near_zero").get(i));
    }
    assertTrue(r.checks().get(0).passed(), r.checks().get(0).measured());
    assertTrue(Files.exists(r.report()));
    assertTrue(Files.exists(dir.resolve("hessian_eigenvalues.csv")));
    assertTrue(Files.exists(dir.resolve("outliers_vs_classes.png")));
  }

  @Test
  void rejectsBadSizes() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new HessianSpectrumReproduction.Sizes(new int[] {3, 2}, 10, 10, 1, 10, 0.1, 5, 20,
            10, 1));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new HessianSpectrumReproduction.Sizes(new int[] {2, 3}, 10, 10, 1, 10, 0.1, 20, 20,
            10, 1));
  }
}
