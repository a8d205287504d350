package org.heavytail.datasets.cifar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;
import org.heavytail.datasets.folder.ImageFolder;

/**
 * CIFAR-10 from whichever of three layouts a set folder holds, tried in this order:
 *
 * <ol>
 *   <li>the binary release: {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code
 *       test_batch.bin}, in the folder or its {@code cifar-10-batches-bin/} ({@link
 *       CifarBinary});
 *   <li>an image folder: {@code train/<class>/*.jpg}, {@code test/<class>/*.jpg} ({@link
 *       ImageFolder#cifar10()}, fixed class order);
 *   <li>an archive of that image folder, {@value #JPEG_ARCHIVE}: decoded once (both splits, in
 *       parallel), then cached in the binary format under {@code
 *       <cache>/cifar10/<archive size>-<archive mtime>/}, so later loads read the cache.
 * </ol>
 *
 * Images are 3 × 32 × 32 bytes (R, G, B planes). Images decoded from folders come class by
 * class, file-name order within a class (the binary release is shuffled instead); shuffle
 * before training.
 */
public final class Cifar10 {

  /** The archive name of the JPEG copy of CIFAR-10. */
  public static final String JPEG_ARCHIVE = "cifar10-jpeg.tar.gz";

  /** Bumped when the cache layout changes, so stale caches are not read. */
  private static final String CACHE_VERSION = "v1";

  private static final Logger LOG = LogManager.getLogger(Cifar10.class);

  private Cifar10() {}

  /** Description of the accepted layouts, for "not found" messages. */
  public static String expectedFiles() {
    return "data_batch_1.bin..data_batch_5.bin + test_batch.bin (optionally under "
        + CifarBinary.RELEASE_FOLDER + "/), or train/<class>/*.jpg + test/<class>/*.jpg, or "
        + JPEG_ARCHIVE;
  }

  /** Whether {@code dir} holds the split in one of the three layouts. */
  public static boolean isPresent(Path dir, Split split) {
    return CifarBinary.findFolder(dir, split) != null
        || ImageFolder.isPresent(dir.resolve(splitName(split)))
        || Files.isRegularFile(dir.resolve(JPEG_ARCHIVE));
  }

  /** Which layout {@link #load} will read for the split: "binary", "folder" or "archive". */
  public static String layout(Path dir, Split split) {
    if (CifarBinary.findFolder(dir, split) != null) {
      return "binary";
    }
    if (ImageFolder.isPresent(dir.resolve(splitName(split)))) {
      return "folder";
    }
    return "archive";
  }

  /**
   * Loads a split from the set folder {@code dir}.
   *
   * @param cacheDir where decoded archives are cached
   * @throws DataFormatException naming the file and offset or field of any malformed input
   */
  public static ImageBytes load(Path dir, Split split, Path cacheDir) throws IOException {
    Path bin = CifarBinary.findFolder(dir, split);
    if (bin != null) {
      return CifarBinary.read(bin, split);
    }
    Path splitDir = dir.resolve(splitName(split));
    if (ImageFolder.isPresent(splitDir)) {
      return ImageFolder.cifar10().read(splitDir);
    }
    Path archive = dir.resolve(JPEG_ARCHIVE);
    if (!Files.isRegularFile(archive)) {
      throw new java.io.FileNotFoundException(
          dir + ": no CIFAR-10 files; expected " + expectedFiles());
    }
    Path target = cacheFolder(archive, cacheDir);
    if (isCached(target)) {
      return CifarBinary.read(target, split);
    }
    Map<String, ImageBytes> splits = decodeArchive(archive);
    try {
      writeCache(archive, target, splits);
    } catch (IOException e) {
      LOG.warn("cannot write the CIFAR-10 cache {} ({}); the archive will be decoded again next"
          + " time", target, e.toString());
    }
    return splits.get(splitName(split));
  }

  /**
   * The cache folder for an archive, decoding the archive into it first when absent.
   *
   * @return a folder holding the six batch files
   * @throws IOException when the archive is malformed or the cache cannot be written
   */
  public static Path ensureCache(Path archive, Path cacheDir) throws IOException {
    Path target = cacheFolder(archive, cacheDir);
    if (!isCached(target)) {
      writeCache(archive, target, decodeArchive(archive));
    }
    return target;
  }

  private static boolean isCached(Path target) {
    return CifarBinary.findFolder(target, Split.TRAIN) != null
        && CifarBinary.findFolder(target, Split.TEST) != null;
  }

  private static Map<String, ImageBytes> decodeArchive(Path archive) throws IOException {
    LOG.info("decoding {} (once; the result is cached)", archive);
    long t0 = System.nanoTime();
    Map<String, ImageBytes> splits = ImageFolder.cifar10().readArchive(archive);
    for (Split s : Split.values()) {
      if (!splits.containsKey(splitName(s))) {
        throw new DataFormatException(
            archive, -1, "split folder", "no " + splitName(s) + "/<class>/*.jpg entries (found "
                + splits.keySet() + ")", "train/ and test/ class folders");
      }
    }
    LOG.info("decoded {} in {} s", archive.getFileName(),
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return splits;
  }

  /** Writes both splits to a temporary sibling folder, then renames it to {@code target}. */
  private static void writeCache(Path archive, Path target, Map<String, ImageBytes> splits)
      throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
    try {
      for (Split s : Split.values()) {
        CifarBinary.writeSplit(tmp, s, splits.get(splitName(s)));
      }
      Files.writeString(
          tmp.resolve("SOURCE"),
          archive.toAbsolutePath() + "\n" + Files.size(archive) + " bytes\n",
          StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        // another process filled the cache first, or the file system cannot move atomically
        if (!isCached(target)) {
          throw e;
        }
      }
    } finally {
      deleteTree(tmp);
    }
  }

  /** The cache folder of an archive: keyed by format version, archive size and mtime. */
  public static Path cacheFolder(Path archive, Path cacheDir) throws IOException {
    String key = CACHE_VERSION + "-" + Files.size(archive) + "-"
        + Files.getLastModifiedTime(archive).toMillis();
    return cacheDir.resolve("cifar10").resolve(key);
  }

  /** The folder name of a split in the image-folder layout: {@code train} or {@code test}. */
  public static String splitName(Split split) {
    return split == Split.TRAIN ? "train" : "test";
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }
}
