package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @org.junit.jupiter.api.BeforeAll
  static void threads() {
    // tiny runs: one intra-op thread (see loop.TestThreads); set before the engine loads
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }

  private static String[] run(String... args) {
    return Cli.run(args);
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
    assertUsageError("unknown optimizer 'nosuch'",
        "train", "--optimizer", "nosuch", "--out", tmp.resolve("r").toString());
  }

  private static double configLearningRate(Path runDir) throws java.io.IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(runDir.resolve("config.json").toFile()).get("config").get("learningRate")
        .asDouble();
  }

  @Test
  void withoutLrTheOptimizersDefaultIsUsedPrintedAndStored(@TempDir Path tmp) throws Exception {
    String[] common = {"--subset", "256", "--batch-size", "64", "--steps", "2",
        "--no-test", "--no-progress", "--no-summary", "--checkpoint-every", "0"};
    Path a = tmp.resolve("adam");
    String[] r = run(concat(new String[] {"train", "--optimizer", "adam", "--out", a.toString()},
        common));
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("optimizer: adam, learning rate 0.001 (the optimizer's default)"),
        r[1]);
    assertEquals(1e-3, configLearningRate(a), 0.0);

    Path s = tmp.resolve("sgd");
    r = run(concat(new String[] {"train", "--optimizer", "sgd", "--lr", "0.05", "--out",
        s.toString()}, common));
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].lines().anyMatch("optimizer: sgd, learning rate 0.05"::equals), r[1]);
    assertEquals(0.05, configLearningRate(s), 0.0);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
