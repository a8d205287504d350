package org.heavytail.trainer.reproduce.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.RunHessian;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Regression guard for what this reproduction hit: run alone in a fresh JVM, the first curvature
 * measurement after a DJL training loop came out as zeros (λ_1 ≈ 0, then 18 on the second call),
 * until {@code TorchAutograd} was loaded before building the gradient graph. Also resumes a run
 * trained without test evaluation (its epochs.csv has an empty test_loss column). Needs
 * ../shared/data/mnist.
 */
class FirstProductAfterTrainingTest {

  @TempDir Path dir;

  @Test
  void firstMeasurementAfterTrainingEqualsTheSecond() throws Exception {
    Path run = dir.resolve("run");
    Training.run(TrainConfig.builder().setModel("mlp:784-32-10:relu:init=torch")
        .setDataset("mnist").optLoss("square").setOptimizer("sgd").setLearningRate(0.05)
        .setBatchSize(16).setSteps(40).optSeed(2).optDevice("cpu").optOut(run).optSubset(256)
        .optEvaluateTest(false).optProgress(false).build(), List.of());
    Training.resume(run, 60, List.of());
    double first = lambda1(run);
    double second = lambda1(run);
    assertTrue(first > 0.5, "lambda_1 = " + first);
    assertEquals(second, first, 1e-9 * second);
  }

  private static double lambda1(Path run) throws Exception {
    Table s = RunHessian.analyse(run, 60L, CurvatureConfig.builder().setTopK(1)
        .setExamples(128).optLanczosSteps(20).optSeed(1), null).report().scalars();
    return s.where(s.stringColumn("quantity").isEqualTo("lambda_1")).doubleColumn("value").get(0);
  }
}
