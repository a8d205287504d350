package org.heavytail.trainer.store;

import java.util.Locale;

/** Element type of stored snapshot values, with its NumPy {@code descr} (little-endian). */
public enum StorageType {
  /** IEEE 754 binary32, NumPy {@code <f4}. */
  FLOAT32("<f4", 4),
  /**
   * IEEE 754 binary16, NumPy {@code <f2}: 11 significant bits (relative rounding error ≤ 2^-11),
   * range ±65504, values below 2^-24 flush to zero; converted by {@link HalfFloat}.
   */
  FLOAT16("<f2", 2);

  private final String descr;
  private final int bytes;

  StorageType(String descr, int bytes) {
    this.descr = descr;
    this.bytes = bytes;
  }

  /** NumPy dtype string, e.g. {@code <f4}. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Short name used in the manifest and on the command line: {@code float32} or {@code float16}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code float32}/{@code f4}/{@code <f4} or {@code float16}/{@code f2}/{@code <f2}.
   *
   * @throws IllegalArgumentException naming the value and the accepted spellings
   */
  public static StorageType of(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "float32":
      case "f4":
      case "<f4":
        return FLOAT32;
      case "float16":
      case "f2":
      case "<f2":
      case "half":
        return FLOAT16;
      default:
        throw new IllegalArgumentException(
            "storage type '" + text + "' is not float32 (f4) or float16 (f2)");
    }
  }
}
