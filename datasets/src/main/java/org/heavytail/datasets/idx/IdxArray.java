package org.heavytail.datasets.idx;

import java.nio.file.Path;
import java.util.Arrays;
import org.heavytail.datasets.DataFormatException;

/**
 * The content of an IDX file of unsigned bytes (type 0x08): its dimensions and its data,
 * row-major. Header layout (LeCun &amp; Cortes, "The MNIST database", file format section):
 * bytes 0-1 zero, byte 2 the type code, byte 3 the rank r, then r big-endian int32
 * dimensions, then the data.
 *
 * @param source the file read
 * @param compressed whether the file was gzipped (offsets then refer to decompressed bytes)
 * @param dims the dimensions, outermost first
 * @param data prod(dims) unsigned bytes
 */
public record IdxArray(Path source, boolean compressed, int[] dims, byte[] data) {

  /** Number of header bytes: 4 + 4 × rank. */
  public int headerSize() {
    return 4 + 4 * dims.length;
  }

  /** Byte offset of data element {@code index} in the (decompressed) file. */
  public long offsetOf(long index) {
    return headerSize() + index;
  }

  /**
   * Checks the rank and the dimensions; {@code -1} accepts any size in that position.
   *
   * @throws DataFormatException naming the magic number (wrong rank) or the dimension field
   *     (byte offset 4 + 4k) with the value found and the one expected
   */
  public IdxArray requireShape(int... expected) throws DataFormatException {
    if (dims.length != expected.length) {
      throw new DataFormatException(
          source,
          0,
          "magic number",
          String.format("0x%08X (rank %d, dims %s)", 0x800 | dims.length, dims.length,
              Arrays.toString(dims)),
          String.format("0x%08X (rank %d)", 0x800 | expected.length, expected.length));
    }
    for (int k = 0; k < dims.length; k++) {
      if (expected[k] >= 0 && dims[k] != expected[k]) {
        throw new DataFormatException(
            source, 4 + 4L * k, "dimension " + k, String.valueOf(dims[k]),
            String.valueOf(expected[k]));
      }
    }
    return this;
  }
}
