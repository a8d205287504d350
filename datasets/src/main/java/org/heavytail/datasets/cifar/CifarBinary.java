package org.heavytail.datasets.cifar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;

/**
 * The CIFAR-10 binary format (Krizhevsky 2009, "Learning multiple layers of features from tiny
 * images", and the {@code cifar-10-binary.tar.gz} release notes): files of 3,073-byte records,
 * one label byte (0..9) followed by 3,072 pixel bytes, 1,024 red then 1,024 green then 1,024
 * blue, each plane 32 × 32 row-major. Train: {@code data_batch_1.bin} .. {@code
 * data_batch_5.bin}; test: {@code test_batch.bin}; 10,000 records per file in the release.
 *
 * <p>Reading checks that each file is a whole number of records (else the byte offset where the
 * last record is cut) and every label byte is in 0..9 (else its byte offset).
 */
public final class CifarBinary {

  /** Image side in pixels. */
  public static final int SIDE = 32;
  /** Pixel bytes per image: 3 × 32 × 32. */
  public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
  /** Bytes per record: the label byte plus the image. */
  public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
  /** Number of classes. */
  public static final int NUM_CLASSES = 10;
  /** The release's sub-folder, also accepted inside a set folder. */
  public static final String RELEASE_FOLDER = "cifar-10-batches-bin";

  private CifarBinary() {}

  /** File names of a split, in order. */
  public static List<String> fileNames(Split split) {
    if (split == Split.TEST) {
      return List.of("test_batch.bin");
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      names.add("data_batch_" + i + ".bin");
    }
    return names;
  }

  /**
   * The folder holding the split's batch files: {@code dir} itself or
   * {@code dir/cifar-10-batches-bin}; null when neither holds them all.
   */
  public static Path findFolder(Path dir, Split split) {
    for (Path d : List.of(dir, dir.resolve(RELEASE_FOLDER))) {
      boolean all = true;
      for (String name : fileNames(split)) {
        all &= Files.isRegularFile(d.resolve(name));
      }
      if (all) {
        return d;
      }
    }
    return null;
  }

  /**
   * Reads a split's batch files from {@code folder} (as returned by {@link #findFolder}).
   *
   * @throws DataFormatException naming the file and byte offset of a cut record or a bad label
   */
  public static ImageBytes read(Path folder, Split split) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String name : fileNames(split)) {
      files.add(folder.resolve(name));
    }
    return read(files);
  }

  /** Reads and concatenates batch files, validating each. */
  public static ImageBytes read(List<Path> files) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    long total = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      if (b.length == 0 || b.length % RECORD_BYTES != 0) {
        long whole = (long) (b.length / RECORD_BYTES) * RECORD_BYTES;
        throw new DataFormatException(
            f, whole, "record " + (b.length / RECORD_BYTES) + ", truncated",
            "file length " + b.length + " is not a positive multiple of " + RECORD_BYTES,
            "1 label byte + " + IMAGE_BYTES + " pixel bytes per record, the next record ending"
                + " at byte offset " + (whole + RECORD_BYTES));
      }
      contents.add(b);
      total += b.length / RECORD_BYTES;
    }
    if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many records: " + total);
    }
    int n = (int) total;
    byte[] pixels = new byte[n * IMAGE_BYTES];
    int[] labels = new int[n];
    int i = 0;
    for (int k = 0; k < contents.size(); k++) {
      byte[] b = contents.get(k);
      for (int off = 0; off < b.length; off += RECORD_BYTES, i++) {
        int y = b[off] & 0xFF;
        if (y >= NUM_CLASSES) {
          throw new DataFormatException(
              files.get(k), off, "label of record " + off / RECORD_BYTES, "value " + y,
              "0.." + (NUM_CLASSES - 1));
        }
        labels[i] = y;
        System.arraycopy(b, off + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
      }
    }
    return new ImageBytes(pixels, labels, new long[] {3, SIDE, SIDE}, NUM_CLASSES);
  }

  /**
   * Writes records {@code from} (inclusive) to {@code to} (exclusive) of {@code images} to
   * {@code file} in the binary format.
   *
   * @throws IllegalArgumentException when the images are not 3 × 32 × 32
   */
  public static void write(Path file, ImageBytes images, int from, int to) throws IOException {
    if (images.pixels().length != images.size() * IMAGE_BYTES) {
      throw new IllegalArgumentException("images are not 3×32×32: shape "
          + java.util.Arrays.toString(images.exampleShape()));
    }
    byte[] out = new byte[(to - from) * RECORD_BYTES];
    for (int i = from; i < to; i++) {
      int off = (i - from) * RECORD_BYTES;
      out[off] = (byte) images.labels()[i];
      System.arraycopy(images.pixels(), i * IMAGE_BYTES, out, off + 1, IMAGE_BYTES);
    }
    try (OutputStream os = Files.newOutputStream(file)) {
      os.write(out);
    }
  }

  /**
   * Writes a whole split as the release does: test to {@code test_batch.bin}; train split into
   * five equal consecutive parts {@code data_batch_1.bin} .. {@code data_batch_5.bin}.
   */
  public static void writeSplit(Path folder, Split split, ImageBytes images) throws IOException {
    Files.createDirectories(folder);
    List<String> names = fileNames(split);
    int n = images.size();
    for (int k = 0; k < names.size(); k++) {
      int from = (int) ((long) n * k / names.size());
      int to = (int) ((long) n * (k + 1) / names.size());
      write(folder.resolve(names.get(k)), images, from, to);
    }
  }
}
