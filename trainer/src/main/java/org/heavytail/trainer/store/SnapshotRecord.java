package org.heavytail.trainer.store;

import java.util.Objects;

/**
 * One block of snapshot values handed to the {@link SnapshotWriter}: {@code rows × width} floats
 * in row-major order for one (step, layer, kind). A gradient snapshot is one row; a noise probe
 * contributes one row per probe minibatch. Ownership of {@code data} passes to the writer, which
 * may recycle it through {@link SnapshotWriter#borrow(int)}.
 *
 * @param step global step index (0-based)
 * @param epoch epoch index (0-based)
 * @param layer layer (parameter) name, letters, digits, {@code _ . -} only
 * @param kind what the values are
 * @param rows number of rows (≥ 1)
 * @param width values per row (≥ 1), the same for every record of a (layer, kind) series
 * @param data at least {@code rows × width} values; only that prefix is stored
 */
public record SnapshotRecord(
    long step, int epoch, String layer, SnapshotKind kind, int rows, int width, float[] data) {

  /** Validates the record at the door. */
  public SnapshotRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
    LayerInfo.checkName(layer);
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (rows < 1 || width < 1) {
      throw new IllegalArgumentException(
          "record " + kind.label() + "/" + layer + " has shape [" + rows + ", " + width
              + "], expected rows >= 1 and width >= 1");
    }
    if ((long) rows * width > data.length) {
      throw new IllegalArgumentException(
          "record " + kind.label() + "/" + layer + " shape [" + rows + ", " + width
              + "] needs " + (long) rows * width + " values, data has " + data.length);
    }
  }

  /** Number of stored values, {@code rows × width}. */
  public long values() {
    return (long) rows * width;
  }
}
