package org.heavytail.tailstats.bench;

import org.heavytail.tailstats.estimate.*;
import org.heavytail.tailstats.stable.StableDistribution;

/** Scratch: quick look at the estimators on SαS samples. */
public final class BlockSumScratch {
  public static void main(String[] args) {
    for (double a : new double[] {0.8, 1.2, 1.5, 1.8, 2.0}) {
      float[] x = new float[1_000_000];
      StableDistribution.symmetric(a, 1).fill(1L, x);
      for (TailIndexEstimator e : new TailIndexEstimator[] {BlockSumEstimator.of(),
          BlockSumEstimator.simsekli(), HillEstimator.doubleBootstrap(), HillEstimator.ofFraction(0.01),
          CharacteristicFunctionEstimator.of()}) {
        long t = System.nanoTime();
        var r = e.estimate(x);
        System.out.printf("a=%.1f %s -> %.4f [%.4f, %.4f] %s %.1f ms %s%n", a, e.name(),
            r.alpha(), r.ciLow(), r.ciHigh(), r.intervalKind(), (System.nanoTime() - t) / 1e6,
            r.parameters().get("k"));
      }
    }
  }
}
