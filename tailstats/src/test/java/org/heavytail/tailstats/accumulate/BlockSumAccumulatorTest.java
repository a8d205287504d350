package org.heavytail.tailstats.accumulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.heavytail.tailstats.estimate.Samples;
import org.junit.jupiter.api.Test;

class BlockSumAccumulatorTest {

  private static final float[] X = Samples.sas(1.5, 123_457, 11);

  private static void assertSameState(BlockSumAccumulator want, BlockSumAccumulator got,
      double tol) {
    assertEquals(want.count(), got.count());
    assertEquals(want.superblockCount(), got.superblockCount());
    for (int g = 0; g < want.blockSizes().length; g++) {
      assertEquals(want.blockCount(g), got.blockCount(g));
      assertEquals(want.alpha(g), got.alpha(g), tol * Math.abs(want.alpha(g)), "alpha m index " + g);
      assertEquals(want.superblockVariance(g), got.superblockVariance(g),
          1e-9 * want.superblockVariance(g));
      assertTrue(Arrays.equals(want.superblockValues(g), got.superblockValues(g)),
          "per-superblock values are bit-identical");
    }
  }

  @Test
  void randomChunkingIsBitIdentical() {
    BlockSumAccumulator whole = BlockSumAccumulator.create().accept(X);
    SplittableRandom r = new SplittableRandom(3);
    BlockSumAccumulator pieces = BlockSumAccumulator.create();
    int i = 0;
    while (i < X.length) {
      int len = Math.min(X.length - i, r.nextInt(3000));
      pieces.accept(X, i, len);
      i += len;
    }
    assertSameState(whole, pieces, 1e-12);
  }

  @Test
  void combineAtSuperblockBoundariesEqualsWhole() {
    BlockSumAccumulator whole = BlockSumAccumulator.create().accept(X);
    int cut1 = 37_000;
    int cut2 = 90_000; // multiples of L = 1000
    BlockSumAccumulator a = BlockSumAccumulator.create().accept(X, 0, cut1);
    BlockSumAccumulator b = BlockSumAccumulator.create().accept(X, cut1, cut2 - cut1);
    BlockSumAccumulator c = BlockSumAccumulator.create().accept(X, cut2, X.length - cut2);
    assertSameState(whole, a.combine(b).combine(c), 1e-12);
    // and the other association: a.combine(b.combine(c))
    BlockSumAccumulator a2 = BlockSumAccumulator.create().accept(X, 0, cut1);
    BlockSumAccumulator b2 = BlockSumAccumulator.create().accept(X, cut1, cut2 - cut1);
    BlockSumAccumulator c2 = BlockSumAccumulator.create().accept(X, cut2, X.length - cut2);
    assertSameState(whole, a2.combine(b2.combine(c2)), 1e-12);
  }

  @Test
  void unalignedCombineRestartsBlocksAsDocumented() {
    int cut = 50_500; // not a multiple of L = 1000
    BlockSumAccumulator a = BlockSumAccumulator.create().accept(X, 0, cut);
    BlockSumAccumulator b = BlockSumAccumulator.create().accept(X, cut, X.length - cut);
    BlockSumAccumulator whole = BlockSumAccumulator.create().accept(X);
    a.combine(b);
    assertEquals(whole.count(), a.count());
    // a's partial superblock (500 samples) became a tail: one block of 1000 is lost
    int g1000 = 7;
    assertEquals(whole.blockCount(g1000) - 1, a.blockCount(g1000));
    assertNotEquals(whole.alpha(g1000), a.alpha(g1000));
    assertEquals(whole.alpha(g1000), a.alpha(g1000), 0.05, "still a valid estimate");
  }

  @Test
  void floatBufferDirectAndHeapAgree() {
    ByteBuffer bb = ByteBuffer.allocateDirect(X.length * 4).order(ByteOrder.nativeOrder());
    FloatBuffer direct = bb.asFloatBuffer().put(X);
    direct.flip();
    BlockSumAccumulator a = BlockSumAccumulator.create().accept(direct);
    BlockSumAccumulator b = BlockSumAccumulator.create().accept(FloatBuffer.wrap(X));
    assertSameState(b, a, 0);
    assertEquals(0, direct.remaining());
  }

  @Test
  void zerosAndNonFiniteAreRefusedWithCounts() {
    float[] x = X.clone();
    x[5] = 0;
    x[17] = 0;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BlockSumAccumulator.create().accept(x));
    assertTrue(e.getMessage().startsWith("block-sum: found 2 exact zeros"), e.getMessage());
    float[] y = X.clone();
    y[3] = Float.NaN;
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> BlockSumAccumulator.create().accept(y));
    assertTrue(f.getMessage().contains("found 1 NaN/Inf"), f.getMessage());
  }

  @Test
  void momentsCombine() {
    MomentsAccumulator whole = MomentsAccumulator.create().accept(X, 0, 20_000);
    MomentsAccumulator a = MomentsAccumulator.create().accept(X, 0, 7_000);
    MomentsAccumulator b = MomentsAccumulator.create().accept(X, 7_000, 13_000);
    a.combine(b);
    assertEquals(whole.count(), a.count());
    assertEquals(whole.mean(), a.mean(), 1e-12 * Math.abs(whole.mean()) + 1e-15);
    assertEquals(whole.variance(), a.variance(), 1e-10 * whole.variance());
    assertEquals(whole.skewness(), a.skewness(), 1e-8 * Math.abs(whole.skewness()));
    assertEquals(whole.excessKurtosis(), a.excessKurtosis(), 1e-8 * whole.excessKurtosis());
    // closed form on a tiny sample: 1, 2, 3, 4 -> mean 2.5, variance 5/3, kurtosis -1.36
    MomentsAccumulator m = MomentsAccumulator.create().accept(new float[] {1, 2, 3, 4});
    assertEquals(2.5, m.mean(), 1e-15);
    assertEquals(5.0 / 3, m.variance(), 1e-15);
    assertEquals(0, m.skewness(), 1e-15);
    assertEquals(-1.36, m.excessKurtosis(), 1e-12);
    assertEquals(1, m.min());
    assertEquals(4, m.max());
  }
}
