package org.heavytail.trainer.reproduce.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.QuickRun;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every trend of the optimizers reproduction, at the {@code --quick} scale. */
class OptimizersReproductionTest {

  @TempDir Path dir;

  @Test
  void trendsHoldAtTestScale() throws Exception {
    ReproductionResult r = QuickRun.of("optimizers", dir);
    assertEquals(6, r.checks().size());
    for (Check c : r.checks()) {
      assertTrue(c.passed(), c.claim() + " -- " + c.measured());
    }
  }

  /** The double-well gradient is f'(x) = 4h x(x² − 1), clipped at ±24h. */
  @Test
  void doubleWellGradientMatchesFiniteDifferenceAndIsClipped() {
    DoubleWell w = new DoubleWell(0.7);
    for (double x : new double[] {-1.7, -1, -0.3, 0, 0.4, 1.9}) {
      double fd = (w.loss(x + 1e-6) - w.loss(x - 1e-6)) / 2e-6;
      assertEquals(fd, w.gradient(x), 1e-6);
    }
    assertEquals(24 * 0.7, w.gradient(50), 1e-12);
    assertEquals(-24 * 0.7, w.gradient(-50), 1e-12);
  }

  /** With no noise path to the other well (tiny sigma), nothing escapes. */
  @Test
  void gaussianNoiseFarBelowTheBarrierNeverEscapes() {
    BasinHopping.Outcome o = new BasinHopping(new DoubleWell(1.0), NoiseKind.GAUSSIAN_ADDITIVE,
        0.02, 0.05, 1.5, 1, 50, 2000, 1L).run();
    assertEquals(0, o.escapes());
    assertEquals(50L * 2000, o.stepsAtRisk());
  }
}
