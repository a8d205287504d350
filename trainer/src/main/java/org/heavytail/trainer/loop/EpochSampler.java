package org.heavytail.trainer.loop;

import java.util.SplittableRandom;

/**
 * Minibatches drawn without replacement within each epoch: epoch e visits the examples in the
 * order of a uniformly random permutation π_e (Fisher–Yates), and step k of the run takes the
 * {@code b} examples π_e[j·b .. (j+1)·b) with e = ⌊k / s⌋, j = k mod s and s = ⌊n / b⌋ steps
 * per epoch (the last n mod b examples of each permutation are dropped, so every minibatch has
 * exactly b examples, as the noise formulas of SCIENCE.md §1 assume).
 *
 * <p>π_e is drawn from a {@link SplittableRandom} seeded with a hash of (seed, e), so the batch
 * of any step is a pure function of (seed, n, b, k): the sampler's whole state is the step
 * counter, and a resumed run draws exactly the batches the uninterrupted run would.
 */
public final class EpochSampler {
  private final int n;
  private final int batchSize;
  private final long seed;
  private int cachedEpoch = -1;
  private int[] perm;

  private EpochSampler(int n, int batchSize, long seed) {
    this.n = n;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /**
   * A sampler over {@code n} examples.
   *
   * @throws IllegalArgumentException when b is not in [1, n]
   */
  public static EpochSampler of(int n, int batchSize, long seed) {
    if (batchSize < 1 || batchSize > n) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + ": expected 1 <= b <= " + n + " (the training-set size)");
    }
    return new EpochSampler(n, batchSize, seed);
  }

  /** Steps per epoch s = ⌊n / b⌋. */
  public int stepsPerEpoch() {
    return n / batchSize;
  }

  /** The batch size b. */
  public int batchSize() {
    return batchSize;
  }

  /** Training-set size n. */
  public int size() {
    return n;
  }

  /** Epoch of global step k: ⌊k / s⌋. */
  public int epochOf(long step) {
    return (int) (step / stepsPerEpoch());
  }

  /** The permutation π_e of epoch e (a copy). */
  public int[] permutation(int epoch) {
    return permutationRef(epoch).clone();
  }

  private int[] permutationRef(int epoch) {
    if (epoch != cachedEpoch) {
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      perm = p;
      cachedEpoch = epoch;
    }
    return perm;
  }

  /** Indices of the examples of global step k, in batch order. */
  public int[] batch(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step " + step + ": expected >= 0");
    }
    int s = stepsPerEpoch();
    int[] p = permutationRef((int) (step / s));
    int from = (int) (step % s) * batchSize;
    int[] out = new int[batchSize];
    System.arraycopy(p, from, out, 0, batchSize);
    return out;
  }

  private static long mix(long seed, long epoch) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
