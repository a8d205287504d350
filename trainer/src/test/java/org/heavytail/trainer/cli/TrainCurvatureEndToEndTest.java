package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heavytail.trainer.curvature.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code train --curvature-every K} end to end on a tiny real-MNIST run: the curvature CSV lands
 * in the run directory, its numbers equal {@code hessian} at the same checkpoint, training is not
 * disturbed, and {@code report} shows it (fails with the data locator's message without data).
 */
@ExtendWith(OneTorchThread.class)
class TrainCurvatureEndToEndTest {

  private static String[] run(String... args) {
    return Cli.run(args);
  }

  private static String[] train(Path dir, String... extra) {
    return train(dir, 4, extra);
  }

  private static String[] train(Path dir, int steps, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("train", "--model", "mlp:784-16-10:tanh",
        "--subset", "256", "--steps", Integer.toString(steps), "--batch-size", "32",
        "--checkpoint-every", "2",
        "--no-test", "--no-progress", "--no-summary", "--out", dir.toString()));
    a.addAll(List.of(extra));
    return run(a.toArray(String[]::new));
  }

  private static double value(Table t, long step, String quantity) {
    Table r = t.where(t.numberColumn("step").isEqualTo(step)
        .and(t.stringColumn("scope").isEqualTo("model"))
        .and(t.stringColumn("quantity").isEqualTo(quantity)));
    assertEquals(1, r.rowCount(), quantity + " at step " + step + " in\n" + t.print());
    return r.numberColumn("value").getDouble(0);
  }

  @Test
  void trainWritesCurvatureThatMatchesHessianAndReportShowsIt(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    String[] flags = {"--curvature-every", "2", "--curvature-top-k", "2", "--curvature-trace",
        "--curvature-examples", "64", "--curvature-probes", "10"};
    String[] t = train(dir, flags);
    assertEquals("0", t[0], t[2]);
    Path csv = dir.resolve("curvature.csv");
    assertTrue(Files.exists(csv), "no " + csv);
    Table c = Table.read().csv(csv.toFile());
    assertEquals(List.of(2.0, 4.0), c.numberColumn("step").unique().asList().stream()
        .map(n -> ((Number) n).doubleValue()).sorted().toList());
    for (String q : List.of("loss", "lambda_1", "lambda_2", "trace")) {
      assertTrue(c.stringColumn("quantity").asList().contains(q), q + " in " + c.print());
    }

    // the same measurement from the checkpoint, by `hessian` (seed 1 on both sides)
    for (long step : new long[] {2, 4}) {
      String[] h = run("hessian", "--run", dir.toString(), "--checkpoint", Long.toString(step),
          "--top-k", "2", "--trace", "--examples", "64", "--probes", "10");
      assertEquals("0", h[0], h[2]);
      Table ref = Table.read().csv(
          dir.resolve(String.format("hessian-step-%010d.csv", step)).toFile());
      for (String q : List.of("loss", "lambda_1", "lambda_2", "trace")) {
        double live = value(c, step, q);
        double offline = value(ref, step, q);
        assertEquals(offline, live, 1e-4 * Math.abs(offline) + 1e-6, q + " at step " + step);
      }
    }

    // measuring does not change the training trajectory
    Path plain = tmp.resolve("plain");
    assertEquals("0", train(plain)[0]);
    assertEquals(Files.readAllLines(plain.resolve("steps.csv")),
        Files.readAllLines(dir.resolve("steps.csv")));
    assertFalse(Files.exists(plain.resolve("curvature.csv")));

    // stopped after 2 steps and resumed to 4: the same file, rows of both parts
    Path part = tmp.resolve("part");
    assertEquals("0", train(part, 2, flags)[0]);
    List<String> again = new java.util.ArrayList<>(List.of("train", "--resume", part.toString(),
        "--steps", "4", "--no-progress"));
    again.addAll(List.of(flags));
    String[] res = run(again.toArray(String[]::new));
    assertEquals("0", res[0], res[2]);
    assertEquals(Files.readAllLines(csv), Files.readAllLines(part.resolve("curvature.csv")));

    String[] r = run("report", dir.toString());
    assertEquals("0", r[0], r[2]);
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("Hessian quantities") && md.contains("curvature.csv"), md);
    // one figure per quantity, one line per scope
    for (String q : List.of("lambda_1", "trace", "loss")) {
      assertTrue(md.contains("curvature_" + q + ".png"), q + " figure in\n" + md);
      assertTrue(Files.size(dir.resolve("figures").resolve("curvature_" + q + ".png")) > 1000, q);
    }
  }

  @Test
  void badCurvatureFlagsAreUsageErrors(@TempDir Path tmp) {
    String[] r = train(tmp.resolve("a"), "--curvature-every", "-1");
    assertEquals("2", r[0], r[2]);
    assertTrue(r[2].contains("--curvature-every -1"), r[2]);
    r = train(tmp.resolve("b"), "--curvature-every", "2", "--curvature-probes", "1");
    assertEquals("2", r[0], r[2]);
    assertTrue(r[2].contains("probes = 1"), r[2]);
    r = train(tmp.resolve("c"), "--curvature-every", "2", "--curvature-examples", "1000");
    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].contains("examples = 1000") && r[2].contains("256"), r[2]);
  }
}
