package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heavytail data verify} on the shared data and on a damaged copy. */
class DataCommandTest {

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = HeavytailCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The shared data directory, found the way the library finds it. */
  private static Path sharedData() throws Exception {
    return DataLocation.defaults()
        .resolve(DataSetId.MNIST, d -> Files.isRegularFile(d.resolve("SHA256SUMS")),
            "the shared MNIST copy")
        .getParent();
  }

  @Test
  void sharedDataVerifiesOk() throws Exception {
    Result r = run("data", "verify", "--data-dir", sharedData().toString(),
        "--cache-dir", tmp.resolve("cache").toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*mnist +train +OK +60000 +1x28x28.*"), r.out());
    assertTrue(r.out().matches("(?s).*mnist +test +OK +10000 +1x28x28.*"), r.out());
    assertTrue(r.out().matches("(?s).*cifar10 +train +OK +50000 +3x32x32.*"), r.out());
    assertTrue(r.out().matches("(?s).*cifar10 +test +OK +10000 +3x32x32.*"), r.out());
    assertTrue(r.out().matches("(?s).*cifar10 +sha256 cifar10-jpeg.tar.gz +OK.*"), r.out());
    assertTrue(r.out().matches("(?s).*fashion-mnist +- +NOT_FOUND.*"), r.out());
  }

  @Test
  void truncatedIdxIsReportedWithNameAndOffsetAndFails() throws Exception {
    Path mnist = tmp.resolve("data/mnist");
    Files.createDirectories(mnist);
    Path src = sharedData().resolve("mnist");
    for (String f : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
      Files.copy(src.resolve(f), mnist.resolve(f));
    }
    Path cut = mnist.resolve("t10k-images-idx3-ubyte.gz");
    byte[] b = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(b, 100_000));
    Result r = run("data", "verify", "--data-dir", tmp.resolve("data").toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().matches("(?s).*mnist +test +FAILED .*t10k-images-idx3-ubyte\\.gz: byte"
        + " offset \\d+ \\(data, truncated\\): the decompressed data end here.*"), r.out());
  }

  @Test
  void emptyDirectoryFindsNothingAndFails() {
    Result r = run("data", "verify", "--data-dir", tmp.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no data set found"), r.err());
    assertTrue(r.out().contains("NOT_FOUND"), r.out());
  }

  @Test
  void badFlagExitsTwo() {
    assertEquals(2, run("data", "verify", "--no-such-flag").code());
  }
}
