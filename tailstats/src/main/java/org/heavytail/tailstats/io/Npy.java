package org.heavytail.tailstats.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Whole-array reads and writes of {@code .npy} files (see the package javadoc for the format).
 *
 * <p>Writes are little-endian, C order, version 1.0 (2.0 when the header needs it), data aligned
 * to 64 bytes; numpy reads them with {@code numpy.load}. Reads accept float32 and float64,
 * either byte order, any number of dimensions (flattened in storage order); a Fortran-ordered
 * array of two or more dimensions is refused, since its storage order is not the C flattening.
 * Arrays over 2³¹−9 elements do not fit in a Java array: use {@link MappedNpy}.
 */
public final class Npy {

  private static final int CHUNK = 1 << 16;

  private Npy() {}

  /** Writes {@code data} as float32 with the given shape (default: 1-D of {@code data.length}). */
  public static void write(Path path, float[] data, long... shape) throws IOException {
    try (NpyWriter w = NpyWriter.open(path, NpyDType.FLOAT32, shapeOr(data.length, shape))) {
      w.write(data, 0, data.length);
    }
  }

  /** Writes {@code data} as float64 with the given shape (default: 1-D of {@code data.length}). */
  public static void write(Path path, double[] data, long... shape) throws IOException {
    try (NpyWriter w = NpyWriter.open(path, NpyDType.FLOAT64, shapeOr(data.length, shape))) {
      w.write(data, 0, data.length);
    }
  }

  private static long[] shapeOr(int length, long[] shape) {
    return shape.length == 0 ? new long[] {length} : shape;
  }

  /** Reads the whole array as float (float64 data is narrowed), flattened in C order. */
  public static float[] readFloats(Path path) throws IOException {
    NpyHeader h = checkedHeader(path);
    float[] out = new float[toInt(path, h.elementCount())];
    readInPieces(path, h, out.length, (buf, to, n) -> {
      if (h.dtype() == NpyDType.FLOAT32) {
        buf.asFloatBuffer().get(out, to, n);
      } else {
        for (int i = 0; i < n; i++) {
          out[to + i] = (float) buf.getDouble(i * 8);
        }
      }
    });
    return out;
  }

  /** Reads the whole array as double, flattened in C order. */
  public static double[] readDoubles(Path path) throws IOException {
    NpyHeader h = checkedHeader(path);
    double[] out = new double[toInt(path, h.elementCount())];
    readInPieces(path, h, out.length, (buf, to, n) -> {
      if (h.dtype() == NpyDType.FLOAT64) {
        buf.asDoubleBuffer().get(out, to, n);
      } else {
        for (int i = 0; i < n; i++) {
          out[to + i] = buf.getFloat(i * 4);
        }
      }
    });
    return out;
  }

  /** Takes {@code n} elements from {@code buf} (positioned at its first) into elements {@code to..}. */
  private interface Piece {
    void take(ByteBuffer buf, int to, int n);
  }

  /** Reads the data of {@code path} in runs of at most {@code CHUNK} elements, in order. */
  private static void readInPieces(Path path, NpyHeader h, int length, Piece piece)
      throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.position(h.dataOffset());
      ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK * 8).order(h.order());
      int done = 0;
      while (done < length) {
        int n = Math.min(CHUNK, length - done);
        fill(path, ch, buf, n * h.dtype().bytes());
        piece.take(buf, done, n);
        done += n;
      }
    }
  }

  static NpyHeader checkedHeader(Path path) throws IOException {
    NpyHeader h = NpyHeader.read(path);
    if (h.fortranOrder() && h.shape().length > 1) {
      throw new IOException(path + ": npy array with shape " + Arrays.toString(h.shape())
          + " is in Fortran order; expected C order (save numpy.ascontiguousarray(a))");
    }
    return h;
  }

  private static int toInt(Path path, long n) throws IOException {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IOException(path + ": " + n + " elements do not fit in one Java array (max "
          + (Integer.MAX_VALUE - 8) + "); use MappedNpy");
    }
    return (int) n;
  }

  private static void fill(Path path, FileChannel ch, ByteBuffer buf, int bytes)
      throws IOException {
    buf.clear().limit(bytes);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException(path + ": npy data ends early");
      }
    }
    buf.flip();
  }
}
