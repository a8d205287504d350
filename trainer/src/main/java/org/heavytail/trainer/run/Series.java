package org.heavytail.trainer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import org.heavytail.tailstats.estimate.Preprocess;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.table.TailIndex;
import org.heavytail.trainer.store.ManifestEntry;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;

/**
 * One (layer, kind) series of a run's snapshot store, e.g. the gradient noise of a layer. Values
 * of one step are pooled over the records of that step (for the noise probe: all minibatches,
 * flattened into one sample, as in Şimşekli et al. 2019).
 */
public final class Series {
  private final SnapshotStore store;
  private final String layer;
  private final SnapshotKind kind;

  Series(SnapshotStore store, String layer, SnapshotKind kind) {
    this.store = store;
    this.layer = layer;
    this.kind = kind;
    if (store.records(layer, kind).isEmpty()) {
      throw new IllegalArgumentException("snapshot store " + store.directory() + " holds no '"
          + kind.label() + "' records for layer '" + layer + "' (layers: " + store.layers().keySet() + ")");
    }
  }

  /** The steps at which this series was recorded, ascending. */
  public List<Long> steps() {
    TreeSet<Long> s = new TreeSet<>();
    store.records(layer, kind).forEach(e -> s.add(e.step()));
    return List.copyOf(s);
  }

  /** The values recorded at {@code step}, pooled over that step's records. */
  public float[] values(long step) {
    List<ManifestEntry> recs = store.records(layer, kind).stream()
        .filter(e -> e.step() == step).toList();
    if (recs.isEmpty()) {
      throw new IllegalArgumentException("layer '" + layer + "' has no '" + kind.label()
          + "' record at step " + step + " (steps: " + steps() + ")");
    }
    try {
      return store.readStep(recs, step);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values at the last recorded step. */
  public float[] last() {
    List<Long> s = steps();
    return values(s.get(s.size() - 1));
  }

  /**
   * Block-sum α̂ of the last recorded step after the preprocessing the pitfalls need
   * (standardization, seeded permutation, zeros removed: {@link Preprocess#forTailIndex}).
   */
  public TailIndexEstimate tailIndex() {
    return tailIndex("block-sum");
  }

  /** α̂ by {@code method} ({@code block-sum}, {@code hill}, {@code mcculloch}, {@code charfn}). */
  public TailIndexEstimate tailIndex(String method) {
    float[] x = last();
    float[] p = Preprocess.forTailIndex(x, new int[x.length], 0L).values();
    return TailIndex.estimator(method).estimate(p);
  }

  @Override
  public String toString() {
    return "Series[" + layer + ", " + kind.label() + ", steps " + steps() + "]";
  }
}
