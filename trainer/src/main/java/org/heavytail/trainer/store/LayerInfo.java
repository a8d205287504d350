package org.heavytail.trainer.store;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A layer (parameter) as the store knows it: its full shape and which of its row-major coordinates
 * are kept. A subsampled layer keeps the same seeded index set at every step; the indices are
 * stored once in {@code indices/<name>.npy} (int64, sorted ascending).
 *
 * @param name parameter name, letters, digits, {@code _ . -} only
 * @param shape the parameter's full shape
 * @param coordinates number of kept coordinates (the width of its records)
 * @param indexFile relative path of the kept-index file, or {@code null} when all are kept
 * @param seed seed of the index draw, or {@code null} when all are kept
 */
public record LayerInfo(String name, long[] shape, int coordinates, String indexFile, Long seed) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /** Validates the name and sizes. */
  public LayerInfo {
    checkName(name);
    if (coordinates < 1) {
      throw new IllegalArgumentException(
          "layer " + name + ": coordinates must be >= 1, got " + coordinates);
    }
  }

  /** Number of elements of the full parameter. */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /** Whether only some coordinates are kept. */
  public boolean subsampled() {
    return indexFile != null;
  }

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "layer name '" + name + "' must be non-empty letters, digits, '_', '.', '-'");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerInfo l && l.name.equals(name) && Arrays.equals(l.shape, shape)
        && l.coordinates == coordinates && java.util.Objects.equals(l.indexFile, indexFile)
        && java.util.Objects.equals(l.seed, seed);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "LayerInfo[" + name + " " + Arrays.toString(shape) + ", coordinates=" + coordinates
        + (seed == null ? "" : ", seed=" + seed) + "]";
  }
}
