package org.heavytail.tailstats.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A read-only memory map of a {@code .npy} array of any size, as a sequence of segments of at
 * most 1 GiB each (a single {@link MappedByteBuffer} addresses at most 2 GiB). Elements are read
 * without boxing, one at a time ({@link #getFloat(long)}) or in bulk into a caller's array
 * ({@link #copyFloats}), across segment boundaries, converting float64 to float where asked.
 *
 * <p>Segments start at the data offset plus a multiple of the segment size, which is a multiple
 * of 8 bytes, so no element straddles two segments. The mapping lives until garbage collection
 * (Java 17 has no public unmap); {@link #close()} drops this object's references.
 */
public final class MappedNpy implements AutoCloseable {

  /** Default segment size: 1 GiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 1L << 30;

  private final Path path;
  private final NpyHeader header;
  private final long size;
  private final int shift; // log2 of elements per segment
  private final long mask;
  private ByteBuffer[] segments;

  private MappedNpy(Path path, NpyHeader header, ByteBuffer[] segments, int shift) {
    this.path = path;
    this.header = header;
    this.size = header.elementCount();
    this.segments = segments;
    this.shift = shift;
    this.mask = (1L << shift) - 1;
  }

  /** Maps the file at {@code path} with 1 GiB segments. */
  public static MappedNpy open(Path path) throws IOException {
    return open(path, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * Maps the file with segments of {@code segmentBytes} (a power of two, at least 8 and at most
   * 1 GiB); small segments let tests exercise the boundary logic on small files.
   */
  public static MappedNpy open(Path path, long segmentBytes) throws IOException {
    if (Long.bitCount(segmentBytes) != 1 || segmentBytes < 8 || segmentBytes > (1L << 30)) {
      throw new IllegalArgumentException("segmentBytes = " + segmentBytes
          + "; expected a power of two in [8, 2^30]");
    }
    NpyHeader h = Npy.checkedHeader(path);
    int elemShift = h.dtype() == NpyDType.FLOAT32 ? 2 : 3;
    int shift = Long.numberOfTrailingZeros(segmentBytes) - elemShift;
    long n = h.elementCount();
    long perSeg = 1L << shift;
    int count = (int) ((n + perSeg - 1) / perSeg);
    ByteBuffer[] segs = new ByteBuffer[count];
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      for (int s = 0; s < count; s++) {
        long first = (long) s * perSeg;
        long elems = Math.min(perSeg, n - first);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY,
            h.dataOffset() + (first << elemShift), elems << elemShift);
        segs[s] = m.order(h.order());
      }
    }
    return new MappedNpy(path, h, segs, shift);
  }

  /** The file's header. */
  public NpyHeader header() {
    return header;
  }

  /** Number of elements. */
  public long size() {
    return size;
  }

  /** Number of mapped segments. */
  public int segmentCount() {
    return segments.length;
  }

  /** Element {@code i} as float (float64 narrowed). */
  public float getFloat(long i) {
    ByteBuffer b = segment(i);
    int j = (int) (i & mask);
    return header.dtype() == NpyDType.FLOAT32 ? b.getFloat(j << 2) : (float) b.getDouble(j << 3);
  }

  /** Element {@code i} as double. */
  public double getDouble(long i) {
    ByteBuffer b = segment(i);
    int j = (int) (i & mask);
    return header.dtype() == NpyDType.FLOAT32 ? b.getFloat(j << 2) : b.getDouble(j << 3);
  }

  /** Segment {@code s} as a float view; only for float32 files. */
  public FloatBuffer floatSegment(int s) {
    if (header.dtype() != NpyDType.FLOAT32) {
      throw new IllegalStateException(path + " holds " + header.dtype() + "; use doubleSegment");
    }
    return segments()[s].duplicate().order(header.order()).asFloatBuffer();
  }

  /** Segment {@code s} as a double view; only for float64 files. */
  public DoubleBuffer doubleSegment(int s) {
    if (header.dtype() != NpyDType.FLOAT64) {
      throw new IllegalStateException(path + " holds " + header.dtype() + "; use floatSegment");
    }
    return segments()[s].duplicate().order(header.order()).asDoubleBuffer();
  }

  /**
   * Copies elements {@code [from, from + len)} into {@code dst[off..]} as floats, across segment
   * boundaries.
   */
  public void copyFloats(long from, float[] dst, int off, int len) {
    if (from < 0 || len < 0 || from + len > size) {
      throw new IndexOutOfBoundsException("elements [" + from + ", " + (from + len) + ") of "
          + path + " with " + size + " elements");
    }
    ByteBuffer[] segs = segments();
    int done = 0;
    while (done < len) {
      long i = from + done;
      int s = (int) (i >>> shift);
      int j = (int) (i & mask);
      int segLen = (int) Math.min(1L << shift, size - ((long) s << shift));
      int n = Math.min(len - done, segLen - j);
      ByteBuffer b = segs[s].duplicate().order(header.order());
      if (header.dtype() == NpyDType.FLOAT32) {
        b.position(j << 2);
        b.asFloatBuffer().get(dst, off + done, n);
      } else {
        for (int k = 0; k < n; k++) {
          dst[off + done + k] = (float) b.getDouble((j + k) << 3);
        }
      }
      done += n;
    }
  }

  private ByteBuffer segment(long i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("element " + i + " of " + path + " with " + size);
    }
    return segments()[(int) (i >>> shift)];
  }

  private ByteBuffer[] segments() {
    if (segments == null) {
      throw new IllegalStateException(path + ": mapping is closed");
    }
    return segments;
  }

  @Override
  public void close() {
    segments = null;
  }

  @Override
  public String toString() {
    return "MappedNpy[" + path + ", " + header.dtype() + ", shape="
        + Arrays.toString(header.shape()) + ", segments=" + (segments == null ? 0 : segments.length)
        + "]";
  }
}
