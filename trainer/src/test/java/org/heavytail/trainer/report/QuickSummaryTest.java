package org.heavytail.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.heavytail.datasets.ArrayData;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class QuickSummaryTest {

  @TempDir Path tmp;

  /** Gaussian blobs, a small MLP, 30 steps: three probes, a table row per parameter. */
  @Test
  void probesDuringTrainingThenPrintsAlphaPerLayerAndReportPath() throws Exception {
    int n = 2000;
    int d = 10;
    SplittableRandom r = new SplittableRandom(1);
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) ((j == y[i] ? 2 : 0) + r.nextGaussian());
      }
    }
    ArrayData train = new ArrayData(x, y, new float[0], new long[] {d}, 3);
    TrainConfig c = TrainConfig.builder().setModel("mlp:10-16-3:relu").setDataset("synthetic")
        .setOptimizer("sgd").setLearningRate(0.1).setBatchSize(16).setSteps(30).optSeed(2)
        .optDevice("cpu").optProgress(false).optOut(tmp.resolve("run")).build();
    assertEquals(30, QuickSummary.plannedSteps(c, n));
    Training.run(c, train, null, QuickSummary.listeners(c, n));
    StringWriter sw = new StringWriter();
    Table t = QuickSummary.finish(tmp.resolve("run"), new PrintWriter(sw));
    String printed = sw.toString();
    assertTrue(printed.contains("report: "), printed);
    assertTrue(Files.exists(tmp.resolve("run").resolve("report.md")));
    // 2 layers x (weight, bias); the last probe is after update 30 (manifest step 29)
    assertEquals(4, t.rowCount(), t.toString());
    assertEquals(29L, (long) t.numberColumn("step").max());
    Table all = Table.read().csv(tmp.resolve("run").resolve("report_alpha_noise.csv").toFile());
    assertEquals(3, all.numberColumn("step").unique().size(), all.toString());
    for (int i = 0; i < t.rowCount(); i++) {
      assertTrue(printed.contains(t.stringColumn("layer").get(i)), printed);
    }
  }
}
