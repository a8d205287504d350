package org.heavytail.tailstats.io;

import java.nio.ByteOrder;

/**
 * The element types this package reads and writes, with their NumPy {@code descr} strings.
 * Writing is always little-endian; reading also accepts big-endian ({@code >f4}, {@code >f8}).
 */
public enum NpyDType {
  /** IEEE 754 binary32, {@code <f4}. */
  FLOAT32(4, "f4"),
  /** IEEE 754 binary64, {@code <f8}. */
  FLOAT64(8, "f8");

  private final int bytes;
  private final String code;

  NpyDType(int bytes, String code) {
    this.bytes = bytes;
    this.code = code;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** The little-endian descr string written in headers, e.g. {@code <f4}. */
  public String descr() {
    return "<" + code;
  }

  /**
   * Parses a descr string such as {@code <f4}, {@code >f8} or {@code float32}.
   *
   * @return the type; {@link #byteOrderOf(String)} gives the byte order
   * @throws IllegalArgumentException naming the descr and the supported ones
   */
  public static NpyDType parse(String descr) {
    String d = descr.trim();
    String body = d.isEmpty() ? d : (d.charAt(0) == '<' || d.charAt(0) == '>' || d.charAt(0) == '='
        || d.charAt(0) == '|') ? d.substring(1) : d;
    switch (body) {
      case "f4":
      case "float32":
        return FLOAT32;
      case "f8":
      case "float64":
        return FLOAT64;
      default:
        throw new IllegalArgumentException(
            "npy descr '" + descr + "' is not supported: expected '<f4' (float32) or '<f8' (float64)");
    }
  }

  /** Byte order of a descr string: big-endian for a leading {@code >}, else little-endian. */
  public static ByteOrder byteOrderOf(String descr) {
    return descr.trim().startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }
}
