package org.heavytail.trainer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.heavytail.trainer.cli.HeavytailCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

/** End-to-end sweeps on a MNIST subset (needs ../shared/data/mnist). */
class SweepTest {

  private static Path exampleGrid() {
    Path p = Path.of("../examples/sweep-quick.yaml");
    return Files.exists(p) ? p : Path.of("examples/sweep-quick.yaml");
  }

  @Test
  void exampleGridHasFourValidPoints() throws Exception {
    SweepGrid g = SweepGrid.read(exampleGrid());
    assertEquals(4, g.points().size());
    assertEquals(2000, g.config(g.points().get(0), null, null).subset());
    assertEquals("mlp:784-10:relu:width=64:depth=1", g.config(g.points().get(0), null, null).model());
  }

  @Test
  void fourPointGridRunsEndToEndAndSkipsFinishedPointsOnRerun(@TempDir Path tmp) throws Exception {
    // the example grid, cut to 30 steps on 1,500 images (the probe takes 10 x 128 of them) to fit the test budget
    Path grid = tmp.resolve("grid.yaml");
    Files.writeString(grid, Files.readString(exampleGrid())
        .replace("subset: 2000", "subset: 1500").replace("steps: 50", "steps: 30")
        .replace("every: 50", "every: 30").replace("width: 64", "width: 32"));
    Path out = tmp.resolve("sweep");
    StringWriter sw = new StringWriter();
    CommandLine cl = HeavytailCommand.commandLine();
    cl.setOut(new PrintWriter(sw));
    int code = cl.execute("sweep", grid.toString(), "--out", out.toString());
    assertEquals(0, code, sw + (Files.exists(out.resolve("sweep.csv")) ? Files.readString(out.resolve("sweep.csv")) : ""));
    assertTrue(sw.toString().contains("ran 4, skipped 0, failed 0"), sw.toString());

    Table t = Table.read().csv(out.resolve("sweep.csv").toFile());
    assertEquals(4, t.rowCount());
    assertEquals(List.of("id", "lr", "batch-size", "status", "attempts", "steps", "test_loss",
        "test_accuracy", "steps_per_s", "seconds", "noise_alpha", "error"), t.columnNames());
    for (int i = 0; i < 4; i++) {
      assertEquals("done", t.stringColumn("status").get(i));
      assertEquals(30, t.numberColumn("steps").getDouble(i));
      // 30 SGD steps on 1,500 images learn something: far better than chance (0.1)
      assertTrue(t.numberColumn("test_accuracy").getDouble(i) > 0.5, t.print());
      double a = t.numberColumn("noise_alpha").getDouble(i);
      assertTrue(a > 0 && a <= 2.5, "noise alpha " + a);
    }
    // the points really differ: learning rate and batch size change the outcome
    assertTrue(t.doubleColumn("test_loss").unique().size() == 4, t.print());
    assertTrue(Files.size(out.resolve("fig-lr.png")) > 1000);
    assertTrue(Files.size(out.resolve("fig-batch-size.png")) > 1000);

    // rerun: every point has a final status, nothing is trained again
    Path status = out.resolve("points/lr-0.05_batch-size-32/status.json");
    FileTime before = Files.getLastModifiedTime(status);
    Sweep.Outcome o = Sweep.builder().setGrid(SweepGrid.read(grid)).setOut(out).build().run();
    assertEquals(0, o.ran());
    assertEquals(4, o.skipped());
    assertEquals(before, Files.getLastModifiedTime(status));
    assertEquals(t.doubleColumn("test_loss").asList(),
        Table.read().csv(o.csv().toFile()).doubleColumn("test_loss").asList());
  }

  @Test
  void failedPointIsRecordedSkippedAndRetriedOnRequestInChildJvms(@TempDir Path tmp) throws Exception {
    Path gridFile = tmp.resolve("grid.json");
    // lr = 1e6 makes the loss non-finite within a few steps: the trainer stops with an error
    Files.writeString(gridFile, """
        {"base": {"model": "mlp:784-32-10:relu", "subset": 1000, "steps": 20,
                  "batch-size": 50, "checkpoint-every": 0, "test": false},
         "axes": {"lr": [0.1, 1e6]}}
        """);
    Path out = tmp.resolve("sweep");
    SweepGrid g = SweepGrid.read(gridFile);
    Sweep.Outcome o = Sweep.builder().setGrid(g).setOut(out).optParallel(2).optChildHeap("1g").build().run();
    assertEquals(2, o.ran());
    assertEquals(1, o.failed());
    PointResult ok = o.results().get(0);
    PointResult bad = o.results().get(1);
    assertEquals(PointResult.Status.DONE, ok.status(), String.valueOf(ok.error()));
    assertEquals(20, ok.steps());
    assertNull(ok.error());
    assertEquals(PointResult.Status.FAILED, bad.status());
    assertTrue(bad.error() != null && !bad.error().isBlank());
    Path badDir = out.resolve("points").resolve(bad.id());
    assertTrue(Files.readString(badDir.resolve("error.txt")).contains(bad.error().split(": ")[0]));
    Table t = Table.read().csv(out.resolve("sweep.csv").toFile());
    assertEquals("failed", t.stringColumn("status").get(1));
    assertEquals(bad.error(), t.stringColumn("error").get(1));

    // rerun without --retry-failed: both points keep their final status
    Sweep.Outcome again = Sweep.builder().setGrid(g).setOut(out).build().run();
    assertEquals(0, again.ran());
    assertEquals(1, again.failed());

    // with --retry-failed only the failed point runs again (and fails again: attempt 2)
    Sweep.Outcome retry = Sweep.builder().setGrid(g).setOut(out).optRetryFailed(true).build().run();
    assertEquals(1, retry.ran());
    assertEquals(1, retry.results().get(0).attempts());
    assertEquals(2, retry.results().get(1).attempts());
    assertEquals(PointResult.Status.FAILED, retry.results().get(1).status());
  }

  @Test
  void gridErrorsNameFileKeyAndValue(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "base: {steps: 5}\naxes: {learning-rate: [0.1]}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f));
    assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("learning-rate"), e.getMessage());
    Files.writeString(f, "base: {steps: 5}\naxes: {batch-size: [32, zero]}\n");
    e = assertThrows(IllegalArgumentException.class, () -> SweepGrid.read(f));
    assertTrue(e.getMessage().contains("batch-size") && e.getMessage().contains("zero"), e.getMessage());
  }

  @Test
  void pointsAreTheCartesianProductFirstAxisSlowest() {
    SweepGrid g = new SweepGrid("g", Map.of("steps", "5"), linked("lr", List.of("0.1", "0.2"),
        "optimizer", List.of("sgd", "adam", "rmsprop")), null);
    List<SweepPoint> ps = g.points();
    assertEquals(6, ps.size());
    assertEquals(Map.of("lr", "0.1", "optimizer", "adam"), ps.get(1).values());
    assertEquals("lr-0.2_optimizer-rmsprop", ps.get(5).id());
    assertEquals(0.2, g.config(ps.get(5), null, null).learningRate());
    assertEquals("rmsprop", g.config(ps.get(5), null, null).optimizer());
  }

  private static Map<String, List<String>> linked(String k1, List<String> v1, String k2, List<String> v2) {
    Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
