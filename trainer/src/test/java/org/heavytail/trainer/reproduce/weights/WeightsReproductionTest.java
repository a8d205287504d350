package org.heavytail.trainer.reproduce.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.QuickRun;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class WeightsReproductionTest {

  @TempDir Path dir;

  /**
   * Martin &amp; Mahoney's trend at the {@code --quick} scale (MLP 784-300-100-10, 30,000 MNIST
   * examples, b = 16, 4 epochs = 7,500 SGD steps), from the computed table: the layer-averaged
   * ESD power-law exponent after training is below its value at initialization, and over the
   * epochs a smaller exponent goes with a higher test accuracy (Spearman ρ &lt; 0, recomputed
   * here from the table). Needs ../shared/data/mnist; fails with the data locator's message
   * when it is absent.
   */
  @Test
  void trainingLowersTheSpectralExponentAndLowerGoesWithBetterAccuracy() throws Exception {
    ReproductionResult r = QuickRun.of("weights", dir);
    Table s = r.table();
    assertEquals(5, s.rowCount(), s.print()); // init + 4 epochs
    double[] a = s.doubleColumn("mean_exponent").asDoubleArray();
    double[] acc = s.doubleColumn("test_accuracy").asDoubleArray();
    for (double x : a) {
      assertTrue(x > 1 && x < 30, "exponent " + x);
    }
    assertTrue(a[a.length - 1] < a[0], "mean exponent: init " + a[0] + ", end "
        + a[a.length - 1]);
    double rho = WeightsReproduction.spearman(Arrays.copyOfRange(a, 1, a.length),
        Arrays.copyOfRange(acc, 1, acc.length));
    assertTrue(rho < 0, "Spearman(exponent, accuracy) = " + rho + "\n" + s.print());
    for (Check c : r.checks()) {
      assertTrue(c.passed(), c.claim() + " -- " + c.measured());
    }
  }

  @Test
  void spearmanOfMonotoneAndReversedSeries() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1.0, WeightsReproduction.spearman(x, new double[] {2, 4, 8, 16, 32}), 1e-12);
    assertEquals(-1.0, WeightsReproduction.spearman(x, new double[] {9, 7, 5, 3, 1}), 1e-12);
    // ties get average ranks: ranks of y are 1.5, 1.5, 3 -> rho = sqrt(3)/2
    assertEquals(Math.sqrt(3) / 2, WeightsReproduction.spearman(new double[] {1, 2, 3},
        new double[] {0, 0, 1}), 1e-12);
  }
}
