package org.heavytail.tailstats.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The traps of SCIENCE.md §2, each asserted before and after preprocessing. */
class PitfallsTest {

  private static final int N = 200_000;

  @Test
  void tenLayerScalesLookHeavyUntilStandardizedPerLayer() {
    // ten layers of 20000 Gaussian coordinates with scales 10^(l/3), l = 0..9
    float[] x = Samples.gaussian(N, 21);
    int[] layer = new int[N];
    for (int i = 0; i < N; i++) {
      layer[i] = i / (N / 10);
      x[i] *= (float) Math.pow(10, layer[i] / 3.0);
    }
    // pooled and permuted, but not standardized: the scale mixture reads heavy-tailed
    TailIndexEstimate before = BlockSumEstimator.of().estimate(Preprocess.permute(x, 5));
    assertTrue(before.alpha() < 1.5, "unstandardized pool reads heavy: " + before.alpha());
    assertTrue(!before.gaussianCompatible());
    Preprocess.Prepared p = Preprocess.forTailIndex(x, layer, 5);
    TailIndexEstimate after = BlockSumEstimator.of().estimate(p.values());
    assertEquals(2.0, after.alpha(), 0.06, after.toString());
    assertTrue(after.gaussianCompatible());
    assertEquals(10, p.groups());
  }

  @Test
  void correlatedCoordinatesLookHeavyUntilPermuted() {
    // AR(1) with φ = 0.9 and unit marginal variance
    Random r = new Random(22);
    float[] x = new float[N];
    double v = r.nextGaussian();
    double c = Math.sqrt(1 - 0.81);
    for (int i = 0; i < N; i++) {
      v = 0.9 * v + c * r.nextGaussian();
      x[i] = (float) v;
    }
    TailIndexEstimate before = BlockSumEstimator.of().estimate(x);
    assertTrue(before.alpha() < 1.6, "AR(1) in order reads heavy: " + before.alpha());
    TailIndexEstimate after = BlockSumEstimator.of().estimate(Preprocess.permute(x, 6));
    assertEquals(2.0, after.alpha(), 0.06, after.toString());
  }

  @Test
  void studentT3ReadsBelowTwo() {
    // finite variance, yet the block-sum estimate is well below 2 at practical n
    float[] x = Samples.studentT(3, N, 23);
    TailIndexEstimate e = BlockSumEstimator.of().estimate(x);
    assertTrue(e.alpha() < 1.9 && e.alpha() > 1.5, e.toString());
  }
}
