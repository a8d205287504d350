package org.heavytail.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.heavytail.tailstats.stable.StableDistribution;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotRecord;
import org.heavytail.trainer.store.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RunReportTest {

  @TempDir Path run;

  /**
   * A synthetic run: layer "fc1" has SαS(1.4) noise, layer "fc2" Gaussian noise. The report must
   * read α̂ near 1.4 for fc1 and ≥ 1.8 for fc2 from the store, and draw every figure.
   */
  @Test
  void reportsCurvesTailIndicesAndCurvatureFromARunDirectory() throws IOException {
    Files.writeString(run.resolve("config.json"), "{\"model\":\"mlp\",\"lr\":0.1,\"batch\":32}");
    StringBuilder steps = new StringBuilder("step,epoch,loss\n");
    for (int s = 0; s < 40; s++) {
      steps.append(s).append(',').append(s / 20).append(',').append(2.3 * Math.exp(-s / 15.0))
          .append('\n');
    }
    Files.writeString(run.resolve("steps.csv"), steps);
    Files.writeString(run.resolve("epochs.csv"), "epoch,step,train_loss,train_accuracy,"
        + "test_loss,test_accuracy,seconds\n0,19,1.0,0.7,1.1,0.68,3.0\n1,39,0.5,0.85,0.6,0.83,6.0\n");
    Files.writeString(run.resolve("curvature.csv"), "step,top_eigenvalue,trace\n9,12.5,80\n"
        + "19,14.0,85\n39,15.1,90\n");
    StableDistribution heavy = StableDistribution.symmetric(1.4, 1.0);
    SplittableRandom rng = new SplittableRandom(5);
    int rows = 32;
    int width = 400;
    try (SnapshotWriter w = SnapshotWriter.builder(run.resolve("snapshots")).build()) {
      w.declareLayer("fc1", new long[] {width}, null, null);
      w.declareLayer("fc2", new long[] {width}, null, null);
      for (long step : new long[] {9, 19}) {
        float[] a = new float[rows * width];
        float[] b = new float[rows * width];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) heavy.sample(rng);
          b[i] = (float) rng.nextGaussian();
        }
        assertTrue(w.submit(new SnapshotRecord(step, 0, "fc1", SnapshotKind.NOISE, rows, width,
            a)));
        assertTrue(w.submit(new SnapshotRecord(step, 0, "fc2", SnapshotKind.NOISE, rows, width,
            b)));
      }
    }
    Path report = RunReport.write(run);
    String md = Files.readString(report);
    for (String section : new String[] {"Configuration", "Training curves",
        "Tail index of the gradient noise", "Hessian quantities"}) {
      assertTrue(md.contains(section), section);
    }
    Table t = Table.read().csv(run.resolve("report_alpha_noise.csv").toFile());
    assertEquals(4, t.rowCount());
    for (int i = 0; i < t.rowCount(); i++) {
      double a = t.doubleColumn("alpha_block_sum").get(i);
      double lo = t.doubleColumn("ci_low").get(i);
      double hi = t.doubleColumn("ci_high").get(i);
      assertTrue(lo <= a && a <= hi, t.row(i).toString());
      if (t.stringColumn("layer").get(i).equals("fc1")) {
        assertEquals(1.4, a, 0.2, t.row(i).toString());
      } else {
        assertTrue(a >= 1.8, t.row(i).toString());
      }
    }
    for (String f : new String[] {"loss.png", "accuracy.png", "alpha_noise.png",
        "noise_tail_fc1.png", "noise_hist_fc1.png", "noise_qq_fc1.png",
        "curvature_top_eigenvalue.png"}) {
      assertTrue(Files.size(run.resolve("figures").resolve(f)) > 1000, f);
      assertTrue(md.contains("figures/" + f), f);
    }
  }

  @Test
  void missingDirectoryIsNamed() {
    IOException e = assertThrows(IOException.class, () -> RunReport.write(run.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void emptyDirectoryListsWhatWasNotRecorded() throws IOException {
    String md = Files.readString(RunReport.write(run));
    assertTrue(md.contains("Not recorded"), md);
    assertTrue(md.contains("steps.csv"), md);
  }
}
