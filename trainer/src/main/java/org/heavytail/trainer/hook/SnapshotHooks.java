package org.heavytail.trainer.hook;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.SnapshotKind;

/**
 * Builds the listeners a {@link SnapshotConfig} asks for, sharing one {@link SnapshotSink} and
 * one {@link LayerPlan}: the tensor snapshot hook (grads, weights, updates), the noise probe
 * (noise, noise-running) and the online statistics (stats). Listeners that write to the store are
 * returned first, so the store is open before others run.
 */
public final class SnapshotHooks {

  private SnapshotHooks() {}

  /** The listeners for {@code config}, possibly none. */
  public static List<TrainingListener> listeners(SnapshotConfig config) {
    List<TrainingListener> out = new ArrayList<>();
    Set<SnapshotConfig.What> what = config.what();
    LayerPlan plan = new LayerPlan(config.layers(), config.coordinates(), config.seed());
    SnapshotSink sink = null;
    if (config.usesStore()) {
      sink = SnapshotSink.builder().optStorageType(config.storageType())
          .optBudgetBytes(config.budgetBytes()).optOverflow(config.overflow())
          .optQueueBytes(config.queueBytes()).build();
    }
    Set<SnapshotKind> kinds = EnumSet.noneOf(SnapshotKind.class);
    if (what.contains(SnapshotConfig.What.GRADS)) {
      kinds.add(SnapshotKind.GRADIENT);
    }
    if (what.contains(SnapshotConfig.What.WEIGHTS)) {
      kinds.add(SnapshotKind.WEIGHT);
    }
    if (what.contains(SnapshotConfig.What.UPDATES)) {
      kinds.add(SnapshotKind.UPDATE);
    }
    if (!kinds.isEmpty()) {
      out.add(TensorSnapshotHook.builder().setSink(sink).optPlan(plan).optKinds(kinds)
          .optEvery(config.every()).build());
    }
    boolean frozen = what.contains(SnapshotConfig.What.NOISE);
    boolean running = what.contains(SnapshotConfig.What.NOISE_RUNNING);
    if (frozen || running) {
      NoiseProbeHook.Builder nb = NoiseProbeHook.builder().setSink(sink).optPlan(plan)
          .optEvery(config.noiseEvery()).optBatches(config.noiseBatches())
          .optReference(config.noiseReference()).optSeed(config.seed()).optFrozenProbe(frozen);
      if (config.noiseBatchSize() > 0) {
        nb.optBatchSize(config.noiseBatchSize());
      }
      if (running) {
        nb.optRunningEstimate(config.every(), 0.9);
      }
      config.trackers().forEach(nb::addTracker);
      out.add(nb.build());
    }
    if (what.contains(SnapshotConfig.What.STATS)) {
      OnlineStatsHook.Builder sb = OnlineStatsHook.builder().optLayers(config.layers())
          .optEvery(config.statsEvery()).optTrackerEvery(config.trackerEvery());
      config.trackers().forEach(sb::addTracker);
      OnlineStatsHook stats = sb.build();
      if (sink != null) {
        sink.describe("stats", stats.describe());
      }
      out.add(stats);
    }
    return out;
  }
}
