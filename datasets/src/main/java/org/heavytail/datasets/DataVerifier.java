package org.heavytail.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.heavytail.datasets.cifar.Cifar10;
import org.heavytail.datasets.idx.MnistFiles;

/**
 * Checks every data set found at a {@link DataLocation}: each split is fully loaded (so every
 * format check of the readers runs: magic numbers, dimensions, truncation, label range, image
 * sizes), its count compared with the canonical one (MNIST and Fashion-MNIST 60,000 / 10,000,
 * CIFAR-10 50,000 / 10,000) and its example shape with the expected one; when the set folder
 * holds a {@code SHA256SUMS} file ({@code sha256sum} format: hex digest, two spaces or a space
 * and a star, file name), every file it lists is hashed and compared.
 *
 * <p>Returns one {@link Row} per check; a set that is not found gives one {@link
 * Status#NOT_FOUND} row naming the folders tried. A CIFAR-10 JPEG archive is decoded into the
 * location's cache the first time (a few seconds), as a load would.
 */
public final class DataVerifier {

  /** Outcome of one check. */
  public enum Status {
    /** The check passed. */
    OK,
    /** The check failed; the row's detail says why. */
    FAILED,
    /** The data set is not present at the location (not a failure by itself). */
    NOT_FOUND
  }

  /**
   * One checked item.
   *
   * @param set the data set's folder name, e.g. {@code mnist}
   * @param item what was checked: {@code train}, {@code test}, or {@code sha256 <file>}
   * @param status the outcome
   * @param count number of examples read (splits), or -1
   * @param shape the example shape read, e.g. {@code 1x28x28}, or empty
   * @param folder the set folder checked (null when not found)
   * @param detail what passed, or why it failed, naming file, offset and expectation
   */
  public record Row(String set, String item, Status status, long count, String shape,
      Path folder, String detail) {}

  private final DataLocation location;

  private DataVerifier(DataLocation location) {
    this.location = location;
  }

  /** A verifier for {@code location}. */
  public static DataVerifier of(DataLocation location) {
    return new DataVerifier(location);
  }

  /** Verifies every file-backed data set ({@link DataSetId#MNIST}, Fashion-MNIST, CIFAR-10). */
  public List<Row> verifyAll() {
    List<Row> rows = new ArrayList<>();
    for (DataSetId id : List.of(DataSetId.MNIST, DataSetId.FASHION_MNIST, DataSetId.CIFAR10)) {
      rows.addAll(verify(id));
    }
    return rows;
  }

  /** Whether any row failed. */
  public static boolean anyFailed(List<Row> rows) {
    return rows.stream().anyMatch(r -> r.status() == Status.FAILED);
  }

  /** Verifies one data set. */
  public List<Row> verify(DataSetId id) {
    List<Row> rows = new ArrayList<>();
    Path dir;
    try {
      dir = location.resolve(id, d -> present(id, d, Split.TRAIN) || present(id, d, Split.TEST),
          expected(id));
    } catch (DataSetNotFoundException e) {
      rows.add(new Row(id.folderName(), "-", Status.NOT_FOUND, -1, "", null,
          "tried " + e.tried()));
      return rows;
    }
    for (Split split : Split.values()) {
      rows.add(verifySplit(id, dir, split));
    }
    Path sums = dir.resolve("SHA256SUMS");
    if (Files.isRegularFile(sums)) {
      rows.addAll(verifySums(id, sums));
    }
    return rows;
  }

  private Row verifySplit(DataSetId id, Path dir, Split split) {
    String item = split.name().toLowerCase(Locale.ROOT);
    if (!present(id, dir, split)) {
      return new Row(id.folderName(), item, Status.FAILED, -1, "", dir,
          "files missing; expected " + expected(id));
    }
    long t0 = System.nanoTime();
    ImageBytes b;
    try {
      b = load(id, dir, split);
    } catch (IOException | RuntimeException e) {
      return new Row(id.folderName(), item, Status.FAILED, -1, "", dir, e.getMessage());
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    String shape = shape(b.exampleShape());
    long[] wantShape = expectedShape(id);
    int want = expectedCount(id, split);
    if (!Arrays.equals(wantShape, b.exampleShape())) {
      return new Row(id.folderName(), item, Status.FAILED, b.size(), shape, dir,
          "example shape " + shape + "; expected " + shape(wantShape));
    }
    if (b.size() != want) {
      return new Row(id.folderName(), item, Status.FAILED, b.size(), shape, dir,
          "count " + b.size() + "; expected " + want);
    }
    String how = "";
    if (id == DataSetId.CIFAR10) {
      how = Cifar10.layout(dir, split) + ", ";
      if (how.startsWith("archive")) {
        try {
          how = "archive decoded into " + Cifar10.cacheFolder(dir.resolve(Cifar10.JPEG_ARCHIVE),
              location.cacheDir()) + ", ";
        } catch (IOException e) {
          // keep the short form
        }
      }
    }
    return new Row(id.folderName(), item, Status.OK, b.size(), shape, dir,
        String.format(Locale.ROOT, "%slabels 0..%d, read in %.2f s", how, b.numClasses() - 1,
            sec));
  }

  private List<Row> verifySums(DataSetId id, Path sums) {
    List<Row> rows = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
    } catch (IOException e) {
      rows.add(new Row(id.folderName(), "SHA256SUMS", Status.FAILED, -1, "", sums.getParent(),
          "unreadable: " + e.getMessage()));
      return rows;
    }
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+\\*?", 2);
      if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
        rows.add(new Row(id.folderName(), "SHA256SUMS", Status.FAILED, -1, "", sums.getParent(),
            sums + ": line " + (ln + 1) + " is '" + line + "'; expected '<64 hex digits>  <file>'"));
        continue;
      }
      String name = parts[1].strip();
      Path f = sums.resolveSibling(name);
      String item = "sha256 " + name;
      if (!Files.isRegularFile(f)) {
        rows.add(new Row(id.folderName(), item, Status.FAILED, -1, "", sums.getParent(),
            f + ": listed in SHA256SUMS but missing"));
        continue;
      }
      try {
        String got = sha256(f);
        boolean ok = got.equalsIgnoreCase(parts[0]);
        rows.add(new Row(id.folderName(), item, ok ? Status.OK : Status.FAILED, -1, "",
            sums.getParent(), ok ? "matches SHA256SUMS"
                : f + ": SHA-256 " + got + "; expected " + parts[0].toLowerCase(Locale.ROOT)
                    + " (SHA256SUMS line " + (ln + 1) + ")"));
      } catch (IOException e) {
        rows.add(new Row(id.folderName(), item, Status.FAILED, -1, "", sums.getParent(),
            f + ": " + e.getMessage()));
      }
    }
    return rows;
  }

  /** SHA-256 of a file as lowercase hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private ImageBytes load(DataSetId id, Path dir, Split split) throws IOException {
    return id == DataSetId.CIFAR10 ? Cifar10.load(dir, split, location.cacheDir())
        : MnistFiles.load(dir, split);
  }

  private static boolean present(DataSetId id, Path dir, Split split) {
    return id == DataSetId.CIFAR10 ? Cifar10.isPresent(dir, split)
        : MnistFiles.isPresent(dir, split);
  }

  private static String expected(DataSetId id) {
    return id == DataSetId.CIFAR10 ? Cifar10.expectedFiles() : MnistFiles.expectedFiles();
  }

  private static long[] expectedShape(DataSetId id) {
    return id == DataSetId.CIFAR10 ? new long[] {3, 32, 32} : new long[] {1, 28, 28};
  }

  private static int expectedCount(DataSetId id, Split split) {
    if (id == DataSetId.CIFAR10) {
      return split == Split.TRAIN ? 50_000 : 10_000;
    }
    return MnistFiles.canonicalCount(split);
  }

  private static String shape(long[] s) {
    StringBuilder sb = new StringBuilder();
    for (long v : s) {
      sb.append(sb.length() == 0 ? "" : "x").append(v);
    }
    return sb.toString();
  }
}
