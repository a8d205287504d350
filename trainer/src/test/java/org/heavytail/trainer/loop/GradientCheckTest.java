package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loop's NaN/Inf gradient check ({@link Trainer#firstNonFinite}). */
class GradientCheckTest {

  @BeforeAll
  static void threads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }

  @Test
  void findsTheFirstArrayWithNaNOrInfinityAndIgnoresAnOverflowingSum() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray small = m.create(new float[] {1f, -2f, 3f});
      NDArray big = m.create(new float[] {3e38f, 3e38f}); // finite entries, sum overflows to +Inf
      NDArray nan = m.create(new float[] {0f, Float.NaN});
      NDArray negInf = m.create(new float[] {Float.NEGATIVE_INFINITY, 1f});
      assertEquals(-1, Trainer.firstNonFinite(List.of(small, small)));
      assertEquals(-1, Trainer.firstNonFinite(List.of(small, big, big)), "overflow is not NaN/Inf");
      assertEquals(1, Trainer.firstNonFinite(List.of(small, nan, negInf)));
      assertEquals(2, Trainer.firstNonFinite(List.of(big, small, negInf)));
      assertEquals(0, Trainer.firstNonFinite(List.of(nan)));
      assertEquals(-1, Trainer.firstNonFinite(List.of()));
    }
  }
}
