package org.heavytail.datasets.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.heavytail.datasets.DataFormatException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST distribution format), gzipped or raw; gzip is
 * detected by its magic bytes 0x1F 0x8B, not by the file name.
 *
 * <p>Checks, each failing with a {@link DataFormatException} naming the file and byte offset
 * (offsets count decompressed bytes for gzipped files): bytes 0-1 must be zero; the type code
 * (byte 2) must be 0x08, unsigned byte; the rank (byte 3) must be 1..8; every dimension must be
 * positive and their product must fit in an array; the data must be exactly prod(dims) bytes
 * (neither truncated nor followed by extra bytes).
 */
public final class IdxReader {

  /** IDX type code of unsigned bytes, the only type heavytail reads. */
  public static final int TYPE_UNSIGNED_BYTE = 0x08;

  private static final int MAX_RANK = 8;

  private IdxReader() {}

  /**
   * Reads one IDX file of unsigned bytes.
   *
   * @param file a {@code .gz} or raw IDX file
   * @return the dimensions and the data
   * @throws DataFormatException when the content violates the format
   * @throws IOException when the file cannot be read
   */
  public static IdxArray read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gz = b0 == 0x1F && b1 == 0x8B;
      InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
      return read(file, gz, in);
    }
  }

  private static IdxArray read(Path file, boolean gz, InputStream in) throws IOException {
    String where = gz ? " of the decompressed data" : "";
    byte[] head = new byte[4];
    int got = readFully(file, in, head, 0, 4);
    if (got < 4) {
      throw truncated(file, got, "header", 4, where);
    }
    int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8)
        | (head[3] & 0xFF);
    if (head[0] != 0 || head[1] != 0) {
      throw new DataFormatException(
          file, 0, "magic number", String.format("0x%08X is not an IDX magic number", magic),
          "0x0000 then type byte then rank byte, e.g. 0x00000803 (images) or 0x00000801"
              + " (labels)");
    }
    int type = head[2] & 0xFF;
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new DataFormatException(
          file, 2, "data type", String.format("0x%02X (%s)", type, typeName(type)),
          "0x08 (unsigned byte)");
    }
    int rank = head[3] & 0xFF;
    if (rank < 1 || rank > MAX_RANK) {
      throw new DataFormatException(
          file, 3, "rank", String.valueOf(rank), "1.." + MAX_RANK);
    }
    byte[] dimBytes = new byte[4 * rank];
    got = readFully(file, in, dimBytes, 0, dimBytes.length);
    if (got < dimBytes.length) {
      throw truncated(file, 4 + got, "header dimensions", 4 + 4 * rank, where);
    }
    int[] dims = new int[rank];
    long size = 1;
    for (int k = 0; k < rank; k++) {
      int d = ((dimBytes[4 * k] & 0xFF) << 24) | ((dimBytes[4 * k + 1] & 0xFF) << 16)
          | ((dimBytes[4 * k + 2] & 0xFF) << 8) | (dimBytes[4 * k + 3] & 0xFF);
      if (d <= 0) {
        throw new DataFormatException(
            file, 4 + 4L * k, "dimension " + k, String.valueOf(d), "a positive size");
      }
      dims[k] = d;
      size *= d;
      if (size > Integer.MAX_VALUE - 16) {
        throw new DataFormatException(
            file, 4 + 4L * k, "dimension " + k,
            "product of dimensions so far " + size, "at most " + (Integer.MAX_VALUE - 16));
      }
    }
    int header = 4 + 4 * rank;
    byte[] data = new byte[(int) size];
    got = readFully(file, in, data, 0, data.length);
    if (got < data.length) {
      throw truncated(file, header + got, "data", header + size, where);
    }
    int extra = in.read();
    if (extra >= 0) {
      throw new DataFormatException(
          file, header + size, "end of data" + (gz ? ", decompressed" : ""),
          "more bytes follow the " + size + " data bytes declared by dims "
              + java.util.Arrays.toString(dims),
          "the file to end at byte offset " + (header + size));
    }
    return new IdxArray(file, gz, dims, data);
  }

  /** Reads until {@code len} bytes or end of stream; a gzip stream cut short counts as end. */
  private static int readFully(Path file, InputStream in, byte[] buf, int off, int len)
      throws IOException {
    int n = 0;
    try {
      while (n < len) {
        int r = in.read(buf, off + n, len - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (EOFException e) {
      // GZIPInputStream: "Unexpected end of ZLIB input stream" = the compressed file is cut
      return n;
    } catch (ZipException e) {
      throw new DataFormatException(file, -1, "gzip stream", "corrupt (" + e.getMessage()
          + ") after " + n + " bytes of this read", "a valid gzip stream");
    }
    return n;
  }

  private static DataFormatException truncated(
      Path file, long offset, String part, long expectedTotal, String where) {
    String what = where.isEmpty() ? "the file ends" : "the decompressed data end";
    return new DataFormatException(
        file, offset, part + ", truncated",
        what + " here, " + (expectedTotal - offset) + " bytes short",
        expectedTotal + " bytes" + where + " as declared by the header");
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x08: return "unsigned byte";
      case 0x09: return "signed byte";
      case 0x0B: return "int16";
      case 0x0C: return "int32";
      case 0x0D: return "float32";
      case 0x0E: return "float64";
      default: return "not an IDX type";
    }
  }
}
