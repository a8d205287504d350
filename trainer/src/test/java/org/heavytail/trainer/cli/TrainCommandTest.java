package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  private static String[] run(String... args) {
    CommandLine cl = HeavytailCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static void assertUsageError(String expectedInMessage, String... args) {
    String[] r = run(args);
    assertEquals("2", r[0], "exit status for " + String.join(" ", args) + "; stderr: " + r[2]);
    assertTrue(r[2].contains(expectedInMessage), r[2]);
    assertEquals(1, r[2].strip().lines().count(), "one-line message: " + r[2]);
  }

  @Test
  void badFlagsExitTwoWithAOneLineMessage(@TempDir Path tmp) {
    String out = tmp.resolve("r").toString();
    assertUsageError("--bogus", "train", "--bogus");
    assertUsageError("alexnet", "train", "--model", "alexnet", "--out", out);
    assertUsageError("--epochs 0", "train", "--epochs", "0", "--out", out);
    assertUsageError("exclusive", "train", "--epochs", "1", "--steps", "5", "--out", out);
    assertUsageError("device 'tpu'", "train", "--device", "tpu", "--out", out);
    assertUsageError("batch size 0", "train", "--batch-size", "0", "--out", out);
    assertUsageError("'abc'", "train", "--lr", "abc");
    assertUsageError("--lr", "train", "--opt", "lr=0.3", "--out", out);
  }

  @Test
  void unknownOptimizerAndDatasetAreReported(@TempDir Path tmp) {
    String[] r = run("train", "--optimizer", "nosuch", "--out", tmp.resolve("r").toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("unknown optimizer 'nosuch'"), r[2]);
  }
}
