package org.heavytail.trainer.hook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotRecord;
import org.heavytail.trainer.store.SnapshotWriter;

/**
 * Records, every {@code every} steps, for each planned layer: the minibatch gradient g_B(θ_k)
 * before the update ({@code grads}), the weight θ_{k+1} after it ({@code weights}) and the update
 * Δθ_k = θ_{k+1} − θ_k ({@code updates}), all with manifest step k, as one row of the layer's kept
 * coordinates per step. The minibatch's example indices go to {@code snapshots/batches.csv}
 * ({@code step,epoch,indices} with indices separated by spaces) so a step can be recomputed.
 *
 * <p>Cost on the training thread: one copy of the kept values per (layer, kind) into a recycled
 * array; encoding and I/O run on the writer thread.
 */
public final class TensorSnapshotHook implements TrainingListener {

  private static final Logger LOG = LogManager.getLogger(TensorSnapshotHook.class);

  private final SnapshotSink sink;
  private final LayerPlan plan;
  private final Set<SnapshotKind> kinds;
  private final int every;
  private final boolean recordBatches;
  private SnapshotWriter writer;
  private BufferedWriter batches;

  private TensorSnapshotHook(Builder b) {
    this.sink = b.sink;
    this.plan = b.plan;
    this.kinds = EnumSet.copyOf(b.kinds);
    this.every = b.every;
    this.recordBatches = b.recordBatches;
    Map<String, Object> d = new LinkedHashMap<>(plan.describe());
    List<String> k = new ArrayList<>();
    kinds.forEach(x -> k.add(x.label()));
    d.put("kinds", k);
    d.put("every", every);
    d.put("grads", "minibatch gradient g_B(theta_k) before the update of step k");
    d.put("weights", "theta_{k+1}, the weights after the update of step k");
    d.put("updates", "theta_{k+1} - theta_k as applied by the optimizer at step k");
    sink.describe("tensors", d);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the loop must provide {@code StepContext.update} (it keeps a copy of θ_k only then);
   * see {@code TrainingListener.needsUpdates}.
   */
  @Override
  public boolean needsUpdates() {
    return kinds.contains(SnapshotKind.UPDATE);
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    writer = sink.open(run);
    if (recordBatches) {
      try {
        batches = Files.newBufferedWriter(run.runDir().resolve(SnapshotSink.DIR)
            .resolve("batches.csv"), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        if (Files.size(run.runDir().resolve(SnapshotSink.DIR).resolve("batches.csv")) == 0) {
          batches.write("step,epoch,indices\n");
        }
      } catch (IOException e) {
        LOG.warn("cannot record minibatch indices: {}", e.getMessage());
        batches = null;
      }
    }
  }

  @Override
  public void onStep(StepContext ctx) {
    if (ctx.step() % every != 0 || writer.state() != SnapshotWriter.State.RUNNING) {
      return;
    }
    for (LayerPlan.Layer layer : plan.layers(ctx, writer)) {
      for (SnapshotKind kind : kinds) {
        FloatBuffer src;
        switch (kind) {
          case GRADIENT:
            src = TensorCopy.view(ctx.gradient(layer.name()));
            break;
          case WEIGHT:
            src = TensorCopy.view(ctx.weight(layer.name()));
            break;
          case UPDATE:
            src = TensorCopy.view(ctx.update(layer.name()));
            break;
          default:
            throw new IllegalStateException("not a tensor kind: " + kind);
        }
        float[] row = writer.borrow(layer.width());
        TensorCopy.copy(src, layer.indices(), row, 0);
        writer.submit(new SnapshotRecord(ctx.step(), ctx.epoch(), layer.name(), kind, 1,
            layer.width(), row));
      }
    }
    if (batches != null) {
      try {
        StringBuilder sb = new StringBuilder().append(ctx.step()).append(',')
            .append(ctx.epoch()).append(',');
        int[] idx = ctx.batchIndices();
        for (int i = 0; i < idx.length; i++) {
          sb.append(i == 0 ? "" : " ").append(idx[i]);
        }
        batches.write(sb.append('\n').toString());
      } catch (IOException e) {
        LOG.warn("stopped recording minibatch indices: {}", e.getMessage());
        batches = null;
      }
    }
  }

  @Override
  public void onTrainingEnd(RunInfo run) {
    if (batches != null) {
      try {
        batches.close();
      } catch (IOException e) {
        LOG.warn("closing batches.csv: {}", e.getMessage());
      }
      batches = null;
    }
    sink.close();
  }

  /** Builder of a {@link TensorSnapshotHook}. */
  public static final class Builder extends StoreHookBuilder<Builder> {
    private Set<SnapshotKind> kinds = EnumSet.of(SnapshotKind.GRADIENT);
    private int every = 1;
    private boolean recordBatches = true;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Which of grads, weights, updates (default grads). */
    public Builder optKinds(Set<SnapshotKind> kinds) {
      for (SnapshotKind k : kinds) {
        if (k != SnapshotKind.GRADIENT && k != SnapshotKind.WEIGHT && k != SnapshotKind.UPDATE) {
          throw new IllegalArgumentException("tensor snapshots take grads, weights, updates; got "
              + k.label());
        }
      }
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("tensor snapshots need at least one kind");
      }
      this.kinds = EnumSet.copyOf(kinds);
      return this;
    }

    /** Snapshot every k steps (default 1). */
    public Builder optEvery(int k) {
      this.every = Require.atLeast("--every", k, 1);
      return this;
    }

    /** Whether to write batches.csv (default true). */
    public Builder optRecordBatches(boolean b) {
      this.recordBatches = b;
      return this;
    }

    /** Builds the hook. */
    public TensorSnapshotHook build() {
      requireSink("TensorSnapshotHook");
      return new TensorSnapshotHook(this);
    }
  }
}
