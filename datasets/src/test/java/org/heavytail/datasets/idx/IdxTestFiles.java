package org.heavytail.datasets.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files (valid or deliberately broken) for tests. */
public final class IdxTestFiles {
  private IdxTestFiles() {}

  /** IDX bytes: magic {@code 0x0000 type rank}, dims, data. */
  public static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  /** Unsigned-byte IDX whose data is {@code data}. */
  public static byte[] ubyte(int[] dims, byte[] data) {
    return idx(0x08, dims, data);
  }

  /** Gzips bytes. */
  public static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bos)) {
      out.write(raw);
    }
    return bos.toByteArray();
  }

  /** Writes {@code bytes} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), bytes);
  }

  /** Writes a valid MNIST-layout split of {@code n} images with pixel i = i mod 256. */
  public static void writeMnist(Path dir, String prefix, int n, boolean gz) throws IOException {
    byte[] px = new byte[n * 28 * 28];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) i;
    }
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      lb[i] = (byte) (i % 10);
    }
    byte[] img = ubyte(new int[] {n, 28, 28}, px);
    byte[] lab = ubyte(new int[] {n}, lb);
    String ext = gz ? ".gz" : "";
    write(dir, prefix + "-images-idx3-ubyte" + ext, gz ? gzip(img) : img);
    write(dir, prefix + "-labels-idx1-ubyte" + ext, gz ? gzip(lab) : lab);
  }
}
