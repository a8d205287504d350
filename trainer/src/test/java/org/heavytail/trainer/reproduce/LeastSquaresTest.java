package org.heavytail.trainer.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {
  @Test
  void slopeOfALineIsExactAndNoiseAveragesOut() {
    double[] x = {0, 1, 2, 3, 4};
    assertEquals(-2.5, LeastSquares.slope(x, new double[] {7, 4.5, 2, -0.5, -3}), 1e-12);
    // y = 2x + r with r = (+1, -1, +1, -1, +1) orthogonal to x − x̄: the slope is exactly 2
    assertEquals(2.0, LeastSquares.slope(x, new double[] {1, 1, 5, 5, 9}), 1e-12);
    assertTrue(Double.isNaN(LeastSquares.slope(new double[] {3, 3}, new double[] {1, 2})));
    assertThrows(IllegalArgumentException.class,
        () -> LeastSquares.slope(x, new double[] {1, 2}));
  }
}
