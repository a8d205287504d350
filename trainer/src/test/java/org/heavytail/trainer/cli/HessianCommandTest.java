package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.CurvatureListener;
import org.heavytail.trainer.curvature.CurvatureModel;
import org.heavytail.trainer.curvature.HessianOperator;
import org.heavytail.trainer.curvature.TopEigenvalues;
import org.heavytail.trainer.loop.EpochSampler;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.Trainer;
import org.heavytail.trainer.loop.TrainingData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.optim.Optimizer;
import org.heavytail.trainer.optim.OptimizerFactory;
import org.heavytail.trainer.optim.OptimizerOptions;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.heavytail.trainer.curvature.OneTorchThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** End to end on real MNIST (fails with the data locator's message when the data is absent). */
@ExtendWith(OneTorchThread.class)
class HessianCommandTest {

  private static String[] run(String... args) {
    return Cli.run(args);
  }

  @Test
  void hessianOfACheckpointAndListenerDuringTraining(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    String[] t = run("train", "--model", "mlp:784-16-10:tanh", "--subset", "256", "--steps", "4",
        "--batch-size", "32", "--checkpoint-every", "2", "--no-test", "--no-progress",
        "--out", dir.toString());
    assertEquals("0", t[0], t[2]);

    String[] h = run("hessian", "--run", dir.toString(), "--checkpoint", "2", "--top-k", "2",
        "--trace", "--frobenius", "--alignment", "--examples", "64", "--probes", "10");
    assertEquals("0", h[0], h[2]);
    Path csv = dir.resolve("hessian-step-0000000002.csv");
    assertTrue(Files.exists(csv), h[1]);
    Table table = Table.read().csv(csv.toFile());
    List<String> quantities = table.stringColumn("quantity").asList();
    for (String q : List.of("loss", "lambda_1", "lambda_2", "trace", "frobenius_sq", "mu",
        "trace_sigma_h", "sharpness")) {
      assertTrue(quantities.contains(q), q + " in " + quantities);
    }
    assertTrue(h[1].contains("lambda_1"), h[1]);
    double l1 = table.where(table.stringColumn("quantity").isEqualTo("lambda_1"))
        .doubleColumn("value").get(0);
    assertTrue(l1 > 0, "lambda_1 = " + l1);

    String[] bad = run("hessian", "--run", dir.toString(), "--checkpoint", "3");
    assertEquals("1", bad[0]);
    assertTrue(bad[2].contains("--checkpoint 3") && bad[2].contains("[2, 4]"), bad[2]);
    String[] many = run("hessian", "--run", dir.toString(), "--examples", "1000");
    assertEquals("2", many[0], many[2]);
    assertTrue(many[2].contains("--examples 1000"), many[2]);
  }

  /**
   * The listener inside a real loop (Trainer.step calls onStep): measurements after steps 2 and 4
   * on the live weights; the last one equals a direct computation at the final weights.
   */
  @Test
  void listenerRunsDuringTraining(@TempDir Path tmp) throws Exception {
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN).head(64);
    try (Network net = Network.create(ModelSpec.parse("mlp:784-8-10:tanh"), train.exampleShape(),
            10, 3, Device.cpu());
        TrainingData data = TrainingData.of(train, null, net.inputShape(), Device.cpu());
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.create(train.features(), new Shape(64, 784));
      long[] lab = new long[64];
      for (int i = 0; i < 64; i++) {
        lab[i] = train.labels()[i];
      }
      NDArray y = m.create(lab);
      CurvatureModel model = CurvatureModel.of(net, LossKind.CROSS_ENTROPY);
      CurvatureConfig cfg = CurvatureConfig.builder().setTopK(1).setExamples(64)
          .optEigenTolerance(1e-6).build();
      CurvatureListener listener = new CurvatureListener(model, x, y, cfg, 2);
      Optimizer sgd = OptimizerFactory.forName("sgd").create(OptimizerOptions.of(
          Map.of("lr", "0.5")));
      Trainer trainer = new Trainer(net, LossKind.CROSS_ENTROPY, sgd, data,
          EpochSampler.of(64, 16, 5), List.of(listener));
      listener.onTrainingBegin(new RunInfo(tmp, 0, 4, 4));
      for (long s = 0; s < 4; s++) {
        trainer.step(s);
      }
      listener.onTrainingEnd(new RunInfo(tmp, 0, 4, 4));
      Table t = Table.read().csv(tmp.resolve("curvature.csv").toFile());
      Table l1 = t.where(t.stringColumn("quantity").isEqualTo("lambda_1"));
      assertEquals(List.of(2L, 4L), l1.column("step").asList().stream()
          .map(v -> ((Number) v).longValue()).toList());
      double direct;
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        direct = TopEigenvalues.compute(h, 1, 100, 1e-6, cfg.seed()).values()[0];
      }
      assertEquals(direct, l1.doubleColumn("value").get(1), 1e-4 * direct);
      assertTrue(Math.abs(l1.doubleColumn("value").get(0) - direct) > 1e-6 * direct,
          "the weights changed between steps 2 and 4");
    }
  }
}
