package org.heavytail.trainer.reproduce;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Runs many independent chains in parallel with a result that depends on the seed only, not on
 * the thread count: chains are cut into fixed chunks of {@code chunk} consecutive indices, chunk
 * c draws from the c-th {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)},
 * and the chains of one chunk run in index order on that generator.
 */
public final class ParallelChains {

  /** One chain: runs chain {@code index} with {@code rng} and stores its result itself. */
  @FunctionalInterface
  public interface Chain {
    /** Runs chain {@code index}, drawing from {@code rng}. */
    void run(int index, SplittableRandom rng);
  }

  private ParallelChains() {}

  /**
   * Runs chains 0..{@code chains}−1.
   *
   * @throws IllegalArgumentException when chains or chunk is below 1
   */
  public static void run(int chains, int chunk, long seed, Chain chain) {
    if (chains < 1 || chunk < 1) {
      throw new IllegalArgumentException("parallel chains: chains = " + chains + ", chunk = "
          + chunk + "; expected both >= 1");
    }
    int nChunks = (chains + chunk - 1) / chunk;
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] rngs = new SplittableRandom[nChunks];
    for (int c = 0; c < nChunks; c++) {
      rngs[c] = root.split();
    }
    IntStream.range(0, nChunks).parallel().forEach(c -> {
      int end = Math.min(chains, (c + 1) * chunk);
      for (int j = c * chunk; j < end; j++) {
        chain.run(j, rngs[c]);
      }
    });
  }
}
