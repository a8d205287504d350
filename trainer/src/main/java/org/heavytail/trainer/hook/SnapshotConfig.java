package org.heavytail.trainer.hook;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.heavytail.trainer.store.OverflowPolicy;
import org.heavytail.trainer.store.StorageType;

/**
 * Everything the snapshot hooks of a run take, as one immutable value (built by the CLI's {@code
 * SnapshotOptions} or in code with {@link #builder()}).
 *
 * @param what which instruments: any of {@link What}
 * @param every tensor snapshots (and running noise) every k steps
 * @param layers parameter selection
 * @param coordinates coordinates kept per layer in the store (0 = all)
 * @param seed seed of coordinate subsets and probe minibatches
 * @param storageType float32 or float16
 * @param budgetBytes store budget (0 = unlimited); snapshots stop when reached
 * @param overflow full-queue policy
 * @param queueBytes writer queue capacity
 * @param noiseEvery probe after every K updates
 * @param noiseBatches minibatches per probe
 * @param noiseBatchSize probe minibatch size (0 = training batch size)
 * @param noiseReference reference gradient of the probe
 * @param statsEvery stats row every k steps
 * @param trackers tail-index trackers for the stats and the probe
 * @param trackerEvery steps between tail-index estimates in the stats
 */
public record SnapshotConfig(
    Set<What> what,
    int every,
    LayerSelection layers,
    int coordinates,
    long seed,
    StorageType storageType,
    long budgetBytes,
    OverflowPolicy overflow,
    long queueBytes,
    int noiseEvery,
    int noiseBatches,
    int noiseBatchSize,
    NoiseReference noiseReference,
    int statsEvery,
    List<TailIndexTracker> trackers,
    int trackerEvery) {

  /** Instruments. */
  public enum What {
    /** Minibatch gradients. */
    GRADS,
    /** Weights after the update. */
    WEIGHTS,
    /** Updates. */
    UPDATES,
    /** Frozen-θ noise probe. */
    NOISE,
    /** Running-estimate noise rows. */
    NOISE_RUNNING,
    /** Online statistics CSV. */
    STATS;

    /** CLI token: {@code grads}, {@code noise-running}, ... */
    public String token() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a CLI token.
     *
     * @throws IllegalArgumentException naming the token and the accepted ones
     */
    public static What of(String token) {
      String t = token.trim().toLowerCase(Locale.ROOT);
      for (What w : values()) {
        if (w.token().equals(t)) {
          return w;
        }
      }
      throw new IllegalArgumentException("--snapshot '" + token + "' is not one of grads, "
          + "weights, updates, noise, noise-running, stats");
    }
  }

  /** Validation and copies. */
  public SnapshotConfig {
    what = what.isEmpty() ? EnumSet.noneOf(What.class) : EnumSet.copyOf(what);
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(storageType, "storageType");
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(noiseReference, "noiseReference");
    trackers = List.copyOf(trackers);
    Require.atLeast("--every", every, 1);
    Require.atLeast("--noise-every", noiseEvery, 1);
    Require.atLeast("--noise-batches", noiseBatches, 1);
    Require.atLeast("stats every", statsEvery, 1);
    Require.atLeast("tracker every", trackerEvery, 1);
    if (coordinates < 0 || budgetBytes < 0 || noiseBatchSize < 0) {
      throw new IllegalArgumentException("--coordinates, --snapshot-budget and --noise-batch-size"
          + " must be >= 0, got " + coordinates + ", " + budgetBytes + ", " + noiseBatchSize);
    }
  }

  /** Whether any instrument writes to the snapshot store. */
  public boolean usesStore() {
    return what.contains(What.GRADS) || what.contains(What.WEIGHTS)
        || what.contains(What.UPDATES) || what.contains(What.NOISE)
        || what.contains(What.NOISE_RUNNING);
  }

  /** A builder with the defaults of the CLI. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of a {@link SnapshotConfig}. */
  public static final class Builder {
    private Set<What> what = EnumSet.noneOf(What.class);
    private int every = 1;
    private LayerSelection layers = LayerSelection.all();
    private int coordinates;
    private long seed = 1;
    private StorageType storageType = StorageType.FLOAT32;
    private long budgetBytes;
    private OverflowPolicy overflow = OverflowPolicy.BLOCK;
    private long queueBytes = 256L << 20;
    private int noiseEvery = 100;
    private int noiseBatches = 100;
    private int noiseBatchSize;
    private NoiseReference noiseReference = NoiseReference.full();
    private int statsEvery = 1;
    private List<TailIndexTracker> trackers = List.of();
    private int trackerEvery = 10;

    private Builder() {}

    /** Instruments to run. */
    public Builder setWhat(Set<What> w) {
      this.what = EnumSet.copyOf(w);
      return this;
    }

    /** Tensor snapshot interval. */
    public Builder optEvery(int k) {
      this.every = k;
      return this;
    }

    /** Layer selection. */
    public Builder optLayers(LayerSelection l) {
      this.layers = l;
      return this;
    }

    /** Coordinates per layer (0 = all). */
    public Builder optCoordinates(int k) {
      this.coordinates = k;
      return this;
    }

    /** Seed. */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /** Storage type. */
    public Builder optStorageType(StorageType t) {
      this.storageType = t;
      return this;
    }

    /** Budget in bytes (0 = unlimited). */
    public Builder optBudgetBytes(long b) {
      this.budgetBytes = b;
      return this;
    }

    /** Full-queue policy. */
    public Builder optOverflow(OverflowPolicy p) {
      this.overflow = p;
      return this;
    }

    /** Queue capacity. */
    public Builder optQueueBytes(long b) {
      this.queueBytes = b;
      return this;
    }

    /** Probe interval. */
    public Builder optNoiseEvery(int k) {
      this.noiseEvery = k;
      return this;
    }

    /** Probe minibatches. */
    public Builder optNoiseBatches(int n) {
      this.noiseBatches = n;
      return this;
    }

    /** Probe minibatch size (0 = training batch size). */
    public Builder optNoiseBatchSize(int b) {
      this.noiseBatchSize = b;
      return this;
    }

    /** Probe reference gradient. */
    public Builder optNoiseReference(NoiseReference r) {
      this.noiseReference = r;
      return this;
    }

    /** Stats interval. */
    public Builder optStatsEvery(int k) {
      this.statsEvery = k;
      return this;
    }

    /** Tail-index trackers. */
    public Builder optTrackers(List<TailIndexTracker> t) {
      this.trackers = List.copyOf(t);
      return this;
    }

    /** Steps between tail-index estimates in the stats. */
    public Builder optTrackerEvery(int k) {
      this.trackerEvery = k;
      return this;
    }

    /** Builds the validated config. */
    public SnapshotConfig build() {
      return new SnapshotConfig(what, every, layers, coordinates, seed, storageType, budgetBytes,
          overflow, queueBytes, noiseEvery, noiseBatches, noiseBatchSize, noiseReference,
          statsEvery, trackers, trackerEvery);
    }
  }
}
