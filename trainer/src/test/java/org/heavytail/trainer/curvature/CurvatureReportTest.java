package org.heavytail.trainer.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.heavytail.tailstats.spectrum.SymmetricEigen;
import org.heavytail.trainer.loop.FixedStepContext;
import org.heavytail.trainer.loop.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class CurvatureReportTest {

  static double value(Table t, String scope, String quantity) {
    Table r = t.where(t.stringColumn("scope").isEqualTo(scope)
        .and(t.stringColumn("quantity").isEqualTo(quantity)));
    assertEquals(1, r.rowCount(), scope + "/" + quantity + " in\n" + t.print());
    return r.doubleColumn("value").get(0);
  }

  @Test
  void reportAgreesWithDirectCallsAndCoversLayers() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(51);
      int n = 40;
      NDArray x = TinyNets.gaussian(m, rng, n + 10, 6, DataType.FLOAT64);
      long[] labels = new long[n + 10];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = rng.nextInt(3);
      }
      NDArray y = m.create(labels);
      CurvatureModel model = CurvatureModel.of(TinyNets.classifier(m, 6, 5, 3, DataType.FLOAT64),
          PerExampleLoss.softmaxCrossEntropy());
      CurvatureConfig cfg = CurvatureConfig.builder().setTopK(2).optTrace(true)
          .optFrobenius(true).optDensity(true).optAlignment(true).optStability(true)
          .optPerLayer(true).setExamples(n).optProbes(20).optLanczosSteps(53)
          .optEigenTolerance(1e-8).optDensitySteps(10).optDensityProbes(2).optDensityGrid(50)
          .optStabilitySteps(5).optLearningRate(0.1).optBatchSize(8).build();
      CurvatureReport r = CurvatureReport.run(model, x, y, cfg, 7);
      Table t = r.scalars();
      double lambda1;
      double loss;
      try (HessianOperator h = HessianOperator.of(model, x.get("0:40"), y.get("0:40"))) {
        lambda1 = SymmetricEigen.of(TinyNets.matrix(h)).values()[h.dimension() - 1];
        loss = h.loss();
      }
      assertEquals(lambda1, value(t, "model", "lambda_1"), 1e-6 * lambda1);
      assertEquals(loss, value(t, "model", "loss"), 1e-12);
      assertTrue(value(t, "model", "lambda_1") >= value(t, "model", "lambda_2"));
      for (String layer : model.layers().keySet()) {
        assertTrue(value(t, layer, "lambda_1") > 0, layer);
        value(t, layer, "trace");
      }
      assertEquals(2, model.layers().size());
      double mu = value(t, "model", "mu");
      assertTrue(mu > 0 && Double.isFinite(mu));
      assertEquals(0.1 * Math.sqrt(value(t, "model", "frobenius_sq")) / Math.sqrt(8),
          value(t, "model", "sharpness"), 0.5 * value(t, "model", "sharpness"));
      assertTrue(value(t, "model", "stability_contracts") == 1
          || value(t, "model", "stability_contracts") == 0);
      assertEquals(7L, t.longColumn("step").get(0));
      assertEquals(3 * 50, r.density().rowCount());
      assertTrue(t.intColumn("examples").asList().stream().allMatch(v -> v == n));
    }
  }

  @Test
  void rejectsMoreExamplesThanData() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = TinyNets.gaussian(m, new Random(1), 5, 3, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, new Random(2), 5, 1, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, 3, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      CurvatureConfig cfg = CurvatureConfig.builder().setTopK(1).setExamples(6).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CurvatureReport.run(model, x, y, cfg, 0));
      assertEquals("examples = 6 but the data has only 5", e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> CurvatureConfig.builder().optAlignment(true).build());
    }
  }

  @Test
  void listenerWritesCsvEveryKSteps(@TempDir Path dir) throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = TinyNets.gaussian(m, new Random(1), 20, 3, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, new Random(2), 20, 1, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, 3, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      CurvatureConfig cfg = CurvatureConfig.builder().setTopK(1).setExamples(20)
          .optLanczosSteps(3).build();
      CurvatureListener l = new CurvatureListener(model, x, y, cfg, 3);
      l.onTrainingBegin(new RunInfo(dir, 0, 9, 3));
      for (long s = 0; s < 9; s++) {
        l.onStep(FixedStepContext.empty(s));
      }
      l.onTrainingEnd(new RunInfo(dir, 0, 9, 3));
      Table t = Table.read().csv(dir.resolve("curvature.csv").toFile());
      assertEquals(List.of(3L, 3L, 6L, 6L, 9L, 9L),
          t.column("step").asList().stream().map(v -> ((Number) v).longValue()).toList());
      assertTrue(Files.exists(dir.resolve("curvature.csv")));
    }
  }
}
