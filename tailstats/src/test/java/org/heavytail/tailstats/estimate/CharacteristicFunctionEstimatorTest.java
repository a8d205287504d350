package org.heavytail.tailstats.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CharacteristicFunctionEstimatorTest {

  /**
   * n = 10⁵: the batch-means sd of α̂ measured here is below 0.01 for every α on the grid, so a
   * tolerance of 0.04 is 4 sd; the interval must cover the truth.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.8, 1.2, 1.5, 1.8, 2.0})
  void recoversStableIndex(double alpha) {
    float[] x = Samples.sas(alpha, 100_000, 41);
    TailIndexEstimate e = CharacteristicFunctionEstimator.of().estimate(x);
    assertEquals(alpha, e.alpha(), 0.04, e.toString());
    assertTrue(e.ciHigh() - e.ciLow() < 0.1, e.toString());
    assertEquals(10, ((java.util.List<?>) e.parameters().get("t_grid")).size());
    // scale 1 by construction: the fitted scale of the standardized pass is 1
    assertEquals(1.0, (Double) e.parameters().get("scale"), 0.05);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 199})
  void tooFew(int n) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CharacteristicFunctionEstimator.of().estimate(new float[n]));
    assertEquals("charfn: too few samples: found " + n + ", needed at least 200",
        e.getMessage());
  }
}
