package org.heavytail.tailstats.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams one {@code .npy} array to a file in pieces: the header (shape fixed up front) is written
 * at {@link #open}, then elements in C order through any mix of the {@code write} methods, which
 * convert between float and double as the file's type needs. {@link #close()} fails when the number
 * of elements written differs from the shape's product, so a short file never passes silently.
 *
 * <p>Not thread-safe. Writes are buffered (64 KiB) and little-endian.
 */
public final class NpyWriter implements Closeable {

  private final Path path;
  private final FileChannel channel;
  private final NpyDType dtype;
  private final long expected;
  private final long[] shape;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long written;
  private boolean closed;

  private NpyWriter(Path path, FileChannel channel, NpyDType dtype, long[] shape) {
    this.path = path;
    this.channel = channel;
    this.dtype = dtype;
    this.shape = shape.clone();
    long n = 1;
    for (long s : shape) {
      n = Math.multiplyExact(n, s);
    }
    this.expected = n;
  }

  /** Creates (or truncates) {@code path} and writes the header for {@code dtype} and {@code shape}. */
  public static NpyWriter open(Path path, NpyDType dtype, long... shape) throws IOException {
    byte[] header = NpyHeader.encode(dtype, shape);
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    try {
      ByteBuffer h = ByteBuffer.wrap(header);
      while (h.hasRemaining()) {
        ch.write(h);
      }
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new NpyWriter(path, ch, dtype, shape);
  }

  /** Elements written so far. */
  public long written() {
    return written;
  }

  /** Appends {@code len} floats from {@code a[off]}. */
  public NpyWriter write(float[] a, int off, int len) throws IOException {
    return writeInPieces(len, (from, n) -> {
      if (dtype == NpyDType.FLOAT32) {
        buf.asFloatBuffer().put(a, off + from, n);
        buf.position(buf.position() + n * 4);
      } else {
        for (int i = 0; i < n; i++) {
          buf.putDouble(a[off + from + i]);
        }
      }
    });
  }

  /** Appends all of {@code a}. */
  public NpyWriter write(float[] a) throws IOException {
    return write(a, 0, a.length);
  }

  /** Appends {@code len} doubles from {@code a[off]} (narrowed to float for a float32 file). */
  public NpyWriter write(double[] a, int off, int len) throws IOException {
    return writeInPieces(len, (from, n) -> {
      if (dtype == NpyDType.FLOAT64) {
        buf.asDoubleBuffer().put(a, off + from, n);
        buf.position(buf.position() + n * 8);
      } else {
        for (int i = 0; i < n; i++) {
          buf.putFloat((float) a[off + from + i]);
        }
      }
    });
  }

  /** Puts elements {@code [from, from + n)} of the caller's source into {@code buf}. */
  private interface Piece {
    void put(int from, int n);
  }

  /** Checks {@code len}, then hands {@code piece} runs that fit the buffer, flushing between. */
  private NpyWriter writeInPieces(int len, Piece piece) throws IOException {
    check(len);
    int done = 0;
    while (done < len) {
      int room = buf.remaining() / dtype.bytes();
      if (room == 0) {
        flush();
        continue;
      }
      int n = Math.min(room, len - done);
      piece.put(done, n);
      done += n;
    }
    written += len;
    return this;
  }

  /** Appends all of {@code a}. */
  public NpyWriter write(double[] a) throws IOException {
    return write(a, 0, a.length);
  }

  /** Appends the remaining elements of {@code b} (its position advances to its limit). */
  public NpyWriter write(FloatBuffer b) throws IOException {
    float[] tmp = new float[Math.min(b.remaining(), 1 << 14)];
    while (b.hasRemaining()) {
      int n = Math.min(tmp.length, b.remaining());
      b.get(tmp, 0, n);
      write(tmp, 0, n);
    }
    return this;
  }

  /** Appends the remaining elements of {@code b} (its position advances to its limit). */
  public NpyWriter write(DoubleBuffer b) throws IOException {
    double[] tmp = new double[Math.min(b.remaining(), 1 << 13)];
    while (b.hasRemaining()) {
      int n = Math.min(tmp.length, b.remaining());
      b.get(tmp, 0, n);
      write(tmp, 0, n);
    }
    return this;
  }

  private void check(int len) throws IOException {
    if (closed) {
      throw new IOException(path + ": npy writer is closed");
    }
    if (written + len > expected) {
      throw new IOException(path + ": writing " + len + " more elements would exceed shape "
          + Arrays.toString(shape) + " (" + expected + " elements, " + written + " written)");
    }
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    buf.clear();
  }

  /**
   * Flushes and closes the file.
   *
   * @throws IOException when fewer elements were written than the shape holds
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flush();
    } finally {
      channel.close();
    }
    if (written != expected) {
      throw new IOException(path + ": npy file incomplete: shape " + Arrays.toString(shape)
          + " holds " + expected + " elements, " + written + " were written");
    }
  }
}
