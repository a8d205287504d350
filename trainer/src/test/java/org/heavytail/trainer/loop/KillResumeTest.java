package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL between checkpoints, then resumed, ends with the same weights and
 * optimizer state, bit for bit, as a run that was never interrupted.
 */
class KillResumeTest {

  @BeforeAll
  static void threads() {
    TestThreads.oneIfUnset();
  }

  /** Child JVM: trains 40 steps, checkpoint every 10, and hangs at step 25 after saying so. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path marker = Path.of(args[1]);
    TrainingListener stall = new TrainingListener() {
      @Override
      public void onStep(StepContext s) {
        if (s.step() == 25) {
          try {
            Files.writeString(marker, "at step 25");
            Thread.sleep(600_000);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    Training.run(TrainingTest.small(dir).build(), TrainingTest.TRAIN, TrainingTest.TEST, List.of(stall));
  }

  @Test
  void sigkillBetweenCheckpointsThenResumeEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path killed = tmp.resolve("killed");
    Path marker = tmp.resolve("marker");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "1"),
        "-Dai.djl.pytorch.num_interop_threads=1",
        KillResumeTest.class.getName(), killed.toString(), marker.toString());
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    Process child = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(marker), "child never reached step 25; log:\n"
          + Files.readString(tmp.resolve("child.log")));
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, child.exitValue(), "exit status of a SIGKILLed JVM (128 + 9)");
    assertEquals(20, TrainingTest.latest(killed).step(), "newest checkpoint of the killed run");
    assertTrue(Files.readAllLines(killed.resolve("steps.csv")).size() - 1 >= 20,
        "steps.csv is flushed at every checkpoint");

    Training.resume(killed, 0, TrainingTest.TRAIN, TrainingTest.TEST, List.of());
    Path whole = tmp.resolve("whole");
    Training.run(TrainingTest.small(whole).build(), TrainingTest.TRAIN, TrainingTest.TEST, List.of());
    TrainingTest.assertSameState(TrainingTest.latest(whole), TrainingTest.latest(killed));
    assertEquals(Files.readAllLines(whole.resolve("steps.csv")),
        Files.readAllLines(killed.resolve("steps.csv")));
    assertTrue(Files.readString(killed.resolve("status.json")).contains("completed"));
    assertTrue(new File(killed.toFile(), "checkpoints").list().length <= 2, "old checkpoints pruned");
  }
}
