package org.heavytail.trainer.store;

/** Deterministic record values for store tests: every value names its step, row and column. */
final class StoreFixtures {

  private StoreFixtures() {}

  /** Value of column j of row r of the record of {@code layer} at {@code step}. */
  static float value(long step, String layer, SnapshotKind kind, int r, int j) {
    long h = step * 1_000_003L + layer.hashCode() * 31L + kind.ordinal() * 7L + r * 131L + j;
    h ^= h >>> 17;
    h *= 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return (float) ((h >>> 11) * 0x1.0p-53 * 8 - 4) / (1 + (j % 5));
  }

  static SnapshotRecord record(long step, String layer, SnapshotKind kind, int rows, int width) {
    float[] d = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < width; j++) {
        d[r * width + j] = value(step, layer, kind, r, j);
      }
    }
    return new SnapshotRecord(step, (int) (step / 10), layer, kind, rows, width, d);
  }

  static float[] expected(long step, String layer, SnapshotKind kind, int rows, int width,
      StorageType type) {
    float[] d = record(step, layer, kind, rows, width).data();
    if (type == StorageType.FLOAT16) {
      for (int i = 0; i < d.length; i++) {
        d[i] = HalfFloat.toFloat(HalfFloat.fromFloat(d[i]));
      }
    }
    return d;
  }
}
