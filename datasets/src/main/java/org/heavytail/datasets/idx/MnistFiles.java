package org.heavytail.datasets.idx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;

/**
 * The MNIST file layout, shared by Fashion-MNIST: four IDX files per folder, each gzipped
 * ({@code .gz}, preferred) or raw:
 *
 * <pre>
 * train-images-idx3-ubyte  60,000 × 28 × 28    train-labels-idx1-ubyte  60,000
 * t10k-images-idx3-ubyte   10,000 × 28 × 28    t10k-labels-idx1-ubyte   10,000
 * </pre>
 *
 * Loading checks that images are rank 3 with 28 × 28 images, labels rank 1, the two counts equal,
 * and every label in 0..9; the counts themselves are not forced (a subset file loads).
 */
public final class MnistFiles {

  /** Image height and width. */
  public static final int SIDE = 28;
  /** Number of classes (digits, or Fashion-MNIST's ten garment classes). */
  public static final int NUM_CLASSES = 10;

  private MnistFiles() {}

  /** Base name (without {@code .gz}) of the image file of a split. */
  public static String imagesName(Split split) {
    return prefix(split) + "-images-idx3-ubyte";
  }

  /** Base name (without {@code .gz}) of the label file of a split. */
  public static String labelsName(Split split) {
    return prefix(split) + "-labels-idx1-ubyte";
  }

  /** The canonical number of examples in a split: 60,000 train, 10,000 test. */
  public static int canonicalCount(Split split) {
    return split == Split.TRAIN ? 60_000 : 10_000;
  }

  /** Human-readable list of the expected files, for error messages. */
  public static String expectedFiles() {
    StringBuilder sb = new StringBuilder();
    for (Split s : Split.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(imagesName(s)).append("[.gz], ")
          .append(labelsName(s)).append("[.gz]");
    }
    return sb.toString();
  }

  /** Whether {@code dir} holds both files of {@code split} (gzipped or raw). */
  public static boolean isPresent(Path dir, Split split) {
    return find(dir, imagesName(split)) != null && find(dir, labelsName(split)) != null;
  }

  /** Whether {@code dir} holds all four files. */
  public static boolean isPresent(Path dir) {
    return isPresent(dir, Split.TRAIN) && isPresent(dir, Split.TEST);
  }

  /** The {@code .gz} or raw file with base name {@code base} in {@code dir}, or null. */
  public static Path find(Path dir, String base) {
    for (String name : List.of(base + ".gz", base)) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Loads one split from {@code dir}, reading the image and the label file concurrently.
   *
   * @throws java.io.FileNotFoundException when a file is missing (naming it)
   * @throws DataFormatException when a file is malformed, the counts differ, or a label is out
   *     of range
   */
  public static ImageBytes load(Path dir, Split split) throws IOException {
    Path imagesFile = require(dir, imagesName(split));
    Path labelsFile = require(dir, labelsName(split));
    CompletableFuture<IdxArray> imagesF = CompletableFuture.supplyAsync(() -> read(imagesFile));
    IdxArray labels;
    IdxArray images;
    try {
      labels = IdxReader.read(labelsFile);
      images = imagesF.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
    return toImages(images, labels);
  }

  /**
   * Validates a pair of IDX arrays as MNIST-layout images and labels.
   *
   * @throws DataFormatException naming the file and the field at fault
   */
  public static ImageBytes toImages(IdxArray images, IdxArray labels) throws DataFormatException {
    images.requireShape(-1, SIDE, SIDE);
    labels.requireShape(-1);
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new DataFormatException(
          labels.source(), 4, "dimension 0 (label count)", String.valueOf(labels.dims()[0]),
          n + ", the image count of " + images.source().getFileName());
    }
    byte[] lb = labels.data();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int v = lb[i] & 0xFF;
      if (v >= NUM_CLASSES) {
        throw new DataFormatException(
            labels.source(), labels.offsetOf(i), "label " + i, "value " + v,
            "0.." + (NUM_CLASSES - 1));
      }
      y[i] = v;
    }
    return new ImageBytes(images.data(), y, new long[] {1, SIDE, SIDE}, NUM_CLASSES);
  }

  private static IdxArray read(Path p) {
    try {
      return IdxReader.read(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path require(Path dir, String base) throws java.io.FileNotFoundException {
    Path p = find(dir, base);
    if (p == null) {
      throw new java.io.FileNotFoundException(
          dir.resolve(base + ".gz") + " (or " + base + " without .gz): no such file");
    }
    return p;
  }

  private static String prefix(Split split) {
    return split == Split.TRAIN ? "train" : "t10k";
  }
}
