package org.heavytail.trainer.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.heavytail.tailstats.stable.StableDistribution;
import org.junit.jupiter.api.Test;

/** The tracker reads known α from symmetric stable samples fed in pieces, zeros mixed in. */
class BlockSumTrackerTest {

  @Test
  void readsKnownTailIndices() {
    for (double alpha : new double[] {1.0, 1.5, 2.0}) {
      double[] x = StableDistribution.symmetric(alpha, 1).sample(7, 200_000);
      TailIndexTracker.Accumulation a = BlockSumTracker.of(1 << 20, 3).start();
      float[] piece = new float[1000];
      for (int off = 0; off < x.length; off += 1000) {
        for (int i = 0; i < 1000; i++) {
          piece[i] = (float) x[off + i];
        }
        piece[0] = 0f; // dead units: exact zeros are dropped
        a.accept(piece, 0, 1000);
      }
      // tolerance: block-sum sd at n = 2e5 is a few hundredths (tailstats benchmarks)
      assertEquals(alpha, a.alpha(), 0.1, "alpha " + alpha);
    }
  }

  @Test
  void tooFewValuesGiveNaN() {
    TailIndexTracker.Accumulation a = BlockSumTracker.of(1000, 1).start();
    a.accept(new float[] {1, 2, 3}, 0, 3);
    assertTrue(Double.isNaN(a.alpha()));
  }
}
