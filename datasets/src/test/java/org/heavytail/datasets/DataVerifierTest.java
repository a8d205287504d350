package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.heavytail.datasets.DataVerifier.Row;
import org.heavytail.datasets.DataVerifier.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies copies of the real MNIST files, intact and deliberately damaged. */
class DataVerifierTest {

  @TempDir Path tmp;

  /** Copies ../shared/data/mnist (found by the default locator) to {@code tmp/data/mnist}. */
  private Path copyMnist() throws Exception {
    Path src = DataLocation.defaults().resolve(DataSetId.MNIST,
        d -> Files.isRegularFile(d.resolve("SHA256SUMS")), "the shared MNIST copy");
    Path dst = tmp.resolve("data/mnist");
    Files.createDirectories(dst);
    try (var s = Files.list(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, dst.resolve(p.getFileName()));
      }
    }
    return dst;
  }

  private Map<String, Row> verify() {
    List<Row> rows = DataVerifier.of(DataLocation.builder().optDataDir(tmp.resolve("data"))
        .optCacheDir(tmp.resolve("cache")).build()).verifyAll();
    return rows.stream().collect(Collectors.toMap(r -> r.set() + " " + r.item(),
        Function.identity()));
  }

  @Test
  void intactCopyPassesEveryCheckAndAbsentSetsAreNotFound() throws Exception {
    copyMnist();
    Map<String, Row> rows = verify();
    assertEquals(Status.OK, rows.get("mnist train").status());
    assertEquals(60_000, rows.get("mnist train").count());
    assertEquals("1x28x28", rows.get("mnist train").shape());
    assertEquals(Status.OK, rows.get("mnist test").status());
    assertEquals(10_000, rows.get("mnist test").count());
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      assertEquals(Status.OK, rows.get("mnist sha256 " + f).status(), f);
    }
    assertEquals(Status.NOT_FOUND, rows.get("cifar10 -").status());
    assertEquals(Status.NOT_FOUND, rows.get("fashion-mnist -").status());
    assertFalse(DataVerifier.anyFailed(List.copyOf(rows.values())));
  }

  @Test
  void truncatedFilesAreReportedWithNameAndOffset() throws Exception {
    Path dir = copyMnist();
    // a gzipped file cut in half, and a raw (decompressed) file cut at byte 5000
    Path gz = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] g = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(g, g.length / 2));
    Path t10k = dir.resolve("t10k-images-idx3-ubyte.gz");
    byte[] raw;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(t10k))) {
      raw = in.readAllBytes();
    }
    Files.delete(t10k);
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(raw, 5000));

    Map<String, Row> rows = verify();
    Row train = rows.get("mnist train");
    assertEquals(Status.FAILED, train.status());
    assertTrue(train.detail().contains("train-images-idx3-ubyte.gz"), train.detail());
    assertTrue(train.detail().matches(
        "(?s).*byte offset \\d+ \\(data, truncated\\): the decompressed data end here.*"),
        train.detail());
    Row test = rows.get("mnist test");
    assertEquals(Status.FAILED, test.status());
    assertTrue(test.detail().contains("t10k-images-idx3-ubyte: byte offset 5000"), test.detail());
    assertTrue(test.detail().contains("7840016 bytes"), test.detail());
    Row sum = rows.get("mnist sha256 train-images-idx3-ubyte.gz");
    assertEquals(Status.FAILED, sum.status());
    assertTrue(sum.detail().contains("expected 0b367032"), sum.detail());
    assertEquals(Status.FAILED, rows.get("mnist sha256 t10k-images-idx3-ubyte.gz").status());
    assertEquals(Status.OK, rows.get("mnist sha256 train-labels-idx1-ubyte.gz").status());
    assertTrue(DataVerifier.anyFailed(List.copyOf(rows.values())));
  }

  @Test
  void wrongCountIsAFailureAndShaOfAKnownString() throws Exception {
    org.heavytail.datasets.idx.IdxTestFiles.writeMnist(tmp.resolve("data/mnist"), "t10k", 7,
        true);
    Map<String, Row> rows = verify();
    assertEquals(Status.FAILED, rows.get("mnist test").status());
    assertEquals("count 7; expected 10000", rows.get("mnist test").detail());
    assertEquals(Status.FAILED, rows.get("mnist train").status());
    assertTrue(rows.get("mnist train").detail().startsWith("files missing"));
    // SHA-256("abc"), FIPS 180-2 appendix B.1
    Path abc = Files.writeString(tmp.resolve("abc"), "abc");
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        DataVerifier.sha256(abc));
  }
}
