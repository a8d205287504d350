package org.heavytail.tailstats.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} file: element type, byte order, shape, and where the data starts.
 *
 * <p>Layout (NEP 1): 6 magic bytes {@code \x93NUMPY}, major and minor version bytes, header length
 * as little-endian uint16 (version 1.0) or uint32 (2.0, 3.0), then the header dict. The data
 * offset {@code 8 + 2 + len} (v1) or {@code 8 + 4 + len} (v2) is a multiple of 64 in files this
 * package writes; any offset is accepted on read.
 *
 * @param dtype element type
 * @param order byte order of the data
 * @param fortranOrder whether the array is stored in Fortran (column-major) order
 * @param shape the array's shape; empty for a scalar
 * @param dataOffset byte offset of the first element
 */
public record NpyHeader(
    NpyDType dtype, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Data offsets are padded to a multiple of this many bytes (numpy's ARRAY_ALIGN). */
  public static final int ALIGN = 64;

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Defensive copy of the shape. */
  public NpyHeader {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  /** Number of data bytes. */
  public long dataBytes() {
    return Math.multiplyExact(elementCount(), dtype.bytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyHeader h && h.dtype == dtype && h.order.equals(order)
        && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape)
        && h.dataOffset == dataOffset;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Long.hashCode(dataOffset);
  }

  @Override
  public String toString() {
    return "NpyHeader[" + dtype.descr() + ", shape=" + Arrays.toString(shape) + ", order="
        + order + ", fortran=" + fortranOrder + ", offset=" + dataOffset + "]";
  }

  /**
   * Encodes a little-endian C-order header for {@code dtype} and {@code shape}: version 1.0 when
   * the padded dict fits in 65535 bytes, else 2.0. The returned bytes' length is a multiple of 64.
   */
  public static byte[] encode(NpyDType dtype, long... shape) {
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("npy shape " + Arrays.toString(shape)
            + " has a negative dimension; expected sizes >= 0");
      }
    }
    StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
        .append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      dict.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
    }
    dict.append("), }");
    for (int version = 1; version <= 2; version++) {
      int prefix = MAGIC.length + 2 + (version == 1 ? 2 : 4);
      int total = prefix + dict.length() + 1;
      int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
      int headerLen = padded - prefix;
      if (version == 1 && headerLen > 0xFFFF) {
        continue;
      }
      ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
      b.put(MAGIC).put((byte) version).put((byte) 0);
      if (version == 1) {
        b.putShort((short) headerLen);
      } else {
        b.putInt(headerLen);
      }
      b.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
      while (b.position() < padded - 1) {
        b.put((byte) ' ');
      }
      b.put((byte) '\n');
      return b.array();
    }
    throw new IllegalStateException("unreachable");
  }

  /** Reads and parses the header of the file at {@code path}. */
  public static NpyHeader read(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path)) {
      ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      while (pre.hasRemaining() && ch.read(pre) >= 0) {
        // fill
      }
      pre.flip();
      int[] lens = prefix(path, pre);
      ByteBuffer dict = ByteBuffer.allocate(lens[1]);
      ch.position(lens[0]);
      while (dict.hasRemaining() && ch.read(dict) >= 0) {
        // fill
      }
      if (dict.hasRemaining()) {
        throw new IOException(path + ": npy header truncated: expected " + lens[1]
            + " header bytes, file has " + dict.position());
      }
      NpyHeader h = parse(path, new String(dict.array(), StandardCharsets.UTF_8), lens[0] + lens[1]);
      long need = h.dataOffset() + h.dataBytes();
      if (ch.size() < need) {
        throw new IOException(path + ": npy data truncated: shape " + Arrays.toString(h.shape)
            + " needs " + need + " bytes, file has " + ch.size());
      }
      return h;
    }
  }

  /** Reads the header from a stream positioned at the file's start, leaving it at the data. */
  public static NpyHeader read(InputStream in, String name) throws IOException {
    byte[] pre = in.readNBytes(10);
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(pre);
    if (pre.length == 10 && (pre[6] == 2 || pre[6] == 3)) {
      b.put(in.readNBytes(2));
    }
    b.flip();
    int[] lens = prefix(Path.of(name), b);
    byte[] dict = in.readNBytes(lens[1]);
    if (dict.length < lens[1]) {
      throw new IOException(name + ": npy header truncated");
    }
    return parse(Path.of(name), new String(dict, StandardCharsets.UTF_8), lens[0] + lens[1]);
  }

  /** Returns {prefix length, dict length}. */
  private static int[] prefix(Path path, ByteBuffer pre) throws IOException {
    if (pre.remaining() < 10) {
      throw new IOException(path + ": not an npy file: " + pre.remaining()
          + " bytes, expected at least 10 (magic, version, header length)");
    }
    for (byte m : MAGIC) {
      if (pre.get() != m) {
        throw new IOException(path + ": not an npy file: magic bytes differ from \\x93NUMPY");
      }
    }
    int major = pre.get() & 0xFF;
    pre.get(); // minor
    if (major == 1) {
      return new int[] {10, pre.getShort() & 0xFFFF};
    }
    if (major == 2 || major == 3) {
      if (pre.remaining() < 4) {
        throw new IOException(path + ": npy header truncated");
      }
      long len = pre.getInt() & 0xFFFFFFFFL;
      if (len > Integer.MAX_VALUE) {
        throw new IOException(path + ": npy header length " + len + " is too large");
      }
      return new int[] {12, (int) len};
    }
    throw new IOException(path + ": npy version " + major + " is not supported; expected 1, 2 or 3");
  }

  private static NpyHeader parse(Path path, String dict, long offset) throws IOException {
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(path + ": npy header dict lacks 'descr', 'fortran_order' or 'shape': "
          + dict.trim());
    }
    NpyDType type;
    try {
      type = NpyDType.parse(d.group(1));
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
    List<Long> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        String digits = p.endsWith("L") ? p.substring(0, p.length() - 1) : p;
        try {
          dims.add(Long.parseLong(digits));
        } catch (NumberFormatException e) {
          throw new IOException(path + ": npy shape entry '" + p + "' is not an integer", e);
        }
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    return new NpyHeader(type, NpyDType.byteOrderOf(d.group(1)),
        f.group(1).equals("True"), shape, offset);
  }
}
