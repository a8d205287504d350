package org.heavytail.trainer.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.heavytail.trainer.hook.BlockSumTracker;
import org.heavytail.trainer.hook.LayerSelection;
import org.heavytail.trainer.hook.NoiseReference;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.SnapshotHooks;
import org.heavytail.trainer.hook.TailIndexTracker;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.ByteSize;
import org.heavytail.trainer.store.OverflowPolicy;
import org.heavytail.trainer.store.StorageType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The snapshot flags of {@code heavytail train}, as a picocli mixin: {@code @Mixin SnapshotOptions
 * snapshots;} in a command, then {@code snapshots.listeners()} gives the hooks to add to the loop.
 * No logic beyond parsing: {@link #config()} builds a {@link SnapshotConfig}, {@link
 * SnapshotHooks#listeners} the rest.
 */
public final class SnapshotOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--snapshot", split = ",", paramLabel = "WHAT",
      description = "Instruments: grads, weights, updates (to the store), noise (frozen-theta "
          + "probe), noise-running (running estimate), stats (stats.csv). Default: none.")
  List<String> what = new ArrayList<>();

  @Option(names = "--every", paramLabel = "K", defaultValue = "1",
      description = "Tensor snapshots (and running noise) every K steps (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--layers", split = ",", paramLabel = "NAME",
      description = "Parameter names or globs to record (default: all).")
  List<String> layers = new ArrayList<>();

  @Option(names = "--coordinates", paramLabel = "K", defaultValue = "0",
      description = "Keep a fixed seeded set of K coordinates per layer (0 = all, default).")
  int coordinates;

  @Option(names = "--snapshot-seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the coordinate subsets and probe minibatches (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--snapshot-dtype", paramLabel = "TYPE", defaultValue = "float32",
      description = "float32 (default) or float16 storage.")
  String dtype;

  @Option(names = "--snapshot-budget", paramLabel = "SIZE",
      description = "Stop snapshots (training goes on) once the store holds SIZE of values, "
          + "e.g. 500M, 2G (default: unlimited).")
  String budget;

  @Option(names = "--snapshot-drop",
      description = "When the writer queue is full, drop snapshots (counted in the manifest) "
          + "instead of making training wait.")
  boolean drop;

  @Option(names = "--snapshot-queue", paramLabel = "SIZE", defaultValue = "256M",
      description = "Writer queue capacity (default ${DEFAULT-VALUE}).")
  String queue;

  @Option(names = "--noise-every", paramLabel = "K", defaultValue = "100",
      description = "Noise probe after every K updates (default ${DEFAULT-VALUE}).")
  int noiseEvery;

  @Option(names = "--noise-batches", paramLabel = "N", defaultValue = "100",
      description = "Disjoint minibatches per noise probe (default ${DEFAULT-VALUE}).")
  int noiseBatches;

  @Option(names = "--noise-batch-size", paramLabel = "B", defaultValue = "0",
      description = "Probe minibatch size (default: the training batch size).")
  int noiseBatchSize;

  @Option(names = "--noise-reference", paramLabel = "REF", defaultValue = "full",
      description = "Reference gradient: full (full data, default), probe-mean (mean of the "
          + "probe minibatches, as Simsekli et al.'s scripts) or a subset size M.")
  String noiseReference;

  @Option(names = "--stats-every", paramLabel = "K", defaultValue = "1",
      description = "stats.csv row every K steps (default ${DEFAULT-VALUE}).")
  int statsEvery;

  @Option(names = "--tail-every", paramLabel = "K", defaultValue = "10",
      description = "Block-sum tail index of each layer's running noise in stats.csv every K "
          + "steps, 0 = never (default ${DEFAULT-VALUE}).")
  int tailEvery;

  @Option(names = "--tail-samples", paramLabel = "N", defaultValue = "1000000",
      description = "Values per (layer, step) fed to the tail-index tracker (default "
          + "${DEFAULT-VALUE}).")
  int tailSamples;

  /**
   * The configuration these flags denote.
   *
   * @throws ParameterException naming the flag and value when one is invalid
   */
  public SnapshotConfig config() {
    try {
      Set<SnapshotConfig.What> w = EnumSet.noneOf(SnapshotConfig.What.class);
      for (String t : what) {
        w.add(SnapshotConfig.What.of(t));
      }
      List<TailIndexTracker> trackers = new ArrayList<>();
      if (tailEvery > 0) {
        trackers.add(BlockSumTracker.of(tailSamples, seed));
      }
      return SnapshotConfig.builder().setWhat(w).optEvery(every)
          .optLayers(new LayerSelection(layers)).optCoordinates(coordinates).optSeed(seed)
          .optStorageType(flag("--snapshot-dtype", () -> StorageType.of(dtype)))
          .optBudgetBytes(budget == null ? 0
              : flag("--snapshot-budget", () -> ByteSize.parse(budget)))
          .optOverflow(drop ? OverflowPolicy.DROP : OverflowPolicy.BLOCK)
          .optQueueBytes(flag("--snapshot-queue", () -> ByteSize.parse(queue)))
          .optNoiseEvery(noiseEvery).optNoiseBatches(noiseBatches)
          .optNoiseBatchSize(noiseBatchSize)
          .optNoiseReference(NoiseReference.parse(noiseReference)).optStatsEvery(statsEvery)
          .optTrackers(trackers).optTrackerEvery(Math.max(1, tailEvery)).build();
    } catch (IllegalArgumentException e) {
      if (spec != null) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      throw e;
    }
  }

  private static <T> T flag(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** The listeners to add to the training loop (none without {@code --snapshot}). */
  public List<TrainingListener> listeners() {
    return SnapshotHooks.listeners(config());
  }
}
