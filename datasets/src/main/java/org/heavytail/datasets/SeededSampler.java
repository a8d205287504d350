package org.heavytail.datasets;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A reproducible random permutation sampler for DJL: the e-th call of {@link #sample} (the e-th
 * epoch) yields the e-th uniformly random permutation of {@code 0 .. size-1} drawn from one
 * {@link java.util.Random} stream seeded with {@code seed} (Fisher–Yates / Durstenfeld
 * shuffle). Two samplers with the same seed give the same epochs in the same order. Use with
 * {@link ai.djl.training.dataset.BatchSampler} to get minibatches drawn without replacement.
 */
public final class SeededSampler implements Sampler.SubSampler {

  private final long seed;
  private final Random random;

  private SeededSampler(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** A sampler whose epochs are the permutation stream of {@code seed}. */
  public static SeededSampler of(long seed) {
    return new SeededSampler(seed);
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Draws the next epoch's permutation of {@code 0 .. n-1}. */
  public synchronized int[] nextPermutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public Iterator<Long> sample(RandomAccessDataset dataset) {
    int[] perm = nextPermutation(Math.toIntExact(dataset.size()));
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < perm.length;
      }

      @Override
      public Long next() {
        if (i >= perm.length) {
          throw new NoSuchElementException();
        }
        return (long) perm[i++];
      }
    };
  }
}
