package org.heavytail.trainer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a store chunk, a NumPy {@code .npy} file (format 1.0, NEP 1 / {@code
 * numpy.lib.format}): magic
 * {@code \x93NUMPY}, version, a little-endian header length and an ASCII Python dict {@code
 * {'descr': '<f4', 'fortran_order': False, 'shape': (r, c), }} padded with spaces and a newline so
 * that the data starts at a multiple of 64 bytes.
 *
 * <p>Chunks of the store use a fixed {@link #CHUNK_HEADER_BYTES}-byte header, wide enough for any
 * row count, so that closing a chunk rewrites the header in place without moving the data.
 *
 * @param descr NumPy dtype string, e.g. {@code <f4}
 * @param shape array shape (C order)
 * <p>Why not {@code org.heavytail.tailstats.io.NpyHeader}: chunks need a fixed-width header that
 * is rewritten in place when the chunk closes, float16 ({@code <f2}) values and int64 index
 * files, none of which that reader/writer (float32/float64, minimal header) provides. Finished
 * float32 chunks are plain {@code .npy} files that {@code tailstats.io} reads.
 *
 * @param dataOffset byte offset of the first element
 */
record ChunkHeader(String descr, long[] shape, long dataOffset) {

  /** Header size of every chunk written by the store (two 64-byte lines). */
  static final int CHUNK_HEADER_BYTES = 128;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Number of elements, the product of the shape. */
  public long elements() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  /**
   * Encodes a version-1.0 header padded to exactly {@code totalBytes} (a multiple of 64).
   *
   * @throws IllegalArgumentException if the dict does not fit
   */
  static ByteBuffer encode(String descr, long[] shape, int totalBytes) {
    StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      dict.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
    }
    dict.append("), }");
    int headerLen = totalBytes - 10;
    if (totalBytes % 64 != 0 || dict.length() + 1 > headerLen || headerLen > 0xffff) {
      throw new IllegalArgumentException(
          "npy header " + dict + " does not fit in " + totalBytes + " bytes (multiple of 64)");
    }
    while (dict.length() < headerLen - 1) {
      dict.append(' ');
    }
    dict.append('\n');
    ByteBuffer b = ByteBuffer.allocate(totalBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen);
    b.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
    b.flip();
    return b;
  }

  /** Encodes the smallest version-1.0 header for {@code shape}. */
  static ByteBuffer encode(String descr, long[] shape) {
    for (int total = 64; ; total += 64) {
      try {
        return encode(descr, shape, total);
      } catch (IllegalArgumentException tooSmall) {
        if (total > 4096) {
          throw tooSmall;
        }
      }
    }
  }

  /**
   * Reads and parses the header of an {@code .npy} file (versions 1, 2 and 3).
   *
   * @throws IOException naming the file when it is not a C-order npy array
   */
  static ChunkHeader read(FileChannel ch, Path file) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, 0, file);
    pre.flip();
    byte[] magic = new byte[6];
    pre.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(file + ": not an .npy file (bad magic)");
    }
    int major = pre.get() & 0xff;
    pre.get();
    long headerLen;
    int lenBytes;
    if (major == 1) {
      headerLen = pre.getShort() & 0xffff;
      lenBytes = 2;
    } else if (major == 2 || major == 3) {
      headerLen = pre.getInt() & 0xffffffffL;
      lenBytes = 4;
    } else {
      throw new IOException(file + ": unsupported .npy version " + major);
    }
    long start = 8 + lenBytes;
    if (headerLen > 1 << 20) {
      throw new IOException(file + ": .npy header length " + headerLen + " is implausible");
    }
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    readFully(ch, hb, start, file);
    String dict = new String(hb.array(), StandardCharsets.US_ASCII);
    return parse(dict, start + headerLen, file);
  }

  static ChunkHeader parse(String dict, long dataOffset, Path file) throws IOException {
    Matcher d = DESCR.matcher(dict);
    Matcher o = ORDER.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !o.find() || !s.find()) {
      throw new IOException(file + ": cannot parse .npy header " + dict.trim());
    }
    if (o.group(1).equals("True")) {
      throw new IOException(file + ": fortran_order True is not supported (expected C order)");
    }
    String[] parts = s.group(1).split(",");
    long[] shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    return new ChunkHeader(d.group(1), shape, dataOffset);
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file)
      throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new IOException(file + ": truncated .npy header");
      }
      p += n;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkHeader h && h.descr.equals(descr) && Arrays.equals(h.shape, shape)
        && h.dataOffset == dataOffset;
  }

  @Override
  public int hashCode() {
    return descr.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "ChunkHeader[descr=" + descr + ", shape=" + Arrays.toString(shape) + ", dataOffset="
        + dataOffset + "]";
  }
}
