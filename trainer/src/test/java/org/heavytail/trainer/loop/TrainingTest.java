package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.heavytail.datasets.ArrayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
  @org.junit.jupiter.api.BeforeAll
  static void threads() {
    TestThreads.oneIfUnset();
  }

  static final ArrayData TRAIN = Synthetic.blobs(640, 20, 4, 1);
  static final ArrayData TEST = Synthetic.blobs(200, 20, 4, 2);

  static TrainConfig.Builder small(Path out) {
    return TrainConfig.builder()
        .setModel("mlp:20-32-16-4:relu")
        .setDataset("synthetic")
        .setOptimizer("momentum")
        .setLearningRate(0.05)
        .setBatchSize(32)
        .setSteps(40)
        .optSeed(3)
        .optDevice("cpu")
        .optCheckpointEvery(10)
        .optProgress(false)
        .optOut(out);
  }

  static Checkpoint latest(Path runDir) throws IOException {
    return Checkpoint.read(Checkpoint.latest(runDir.resolve("checkpoints")).orElseThrow());
  }

  static void assertSameState(Checkpoint a, Checkpoint b) {
    assertEquals(a.step(), b.step());
    assertEquals(a.weights().keySet(), b.weights().keySet());
    for (String k : a.weights().keySet()) {
      assertTrue(Arrays.equals(a.weights().get(k), b.weights().get(k)), "weights differ: " + k);
    }
    assertEquals(a.optimizer().arrays().keySet(), b.optimizer().arrays().keySet());
    for (String k : a.optimizer().arrays().keySet()) {
      assertTrue(Arrays.equals(a.optimizer().arrays().get(k), b.optimizer().arrays().get(k)),
          "optimizer state differs: " + k);
    }
    assertEquals(a.optimizer().scalars(), b.optimizer().scalars());
  }

  @Test
  void sameSeedAndConfigGiveTheSameWeightsBitForBit(@TempDir Path tmp) throws IOException {
    Training.run(small(tmp.resolve("a")).build(), TRAIN, TEST, List.of());
    Training.run(small(tmp.resolve("b")).build(), TRAIN, TEST, List.of());
    Training.run(small(tmp.resolve("c")).optSeed(4).build(), TRAIN, TEST, List.of());
    Checkpoint a = latest(tmp.resolve("a"));
    assertEquals(40, a.step());
    assertSameState(a, latest(tmp.resolve("b")));
    assertFalse(Arrays.equals(a.weights().get("01Linear_weight"),
        latest(tmp.resolve("c")).weights().get("01Linear_weight")));
    assertEquals(40, Files.readAllLines(tmp.resolve("a/steps.csv")).size() - 1);
  }

  @Test
  void twoNStepsEqualNStepsPlusResumePlusNBitForBit(@TempDir Path tmp) throws IOException {
    Training.run(small(tmp.resolve("whole")).setSteps(50).optCheckpointEvery(0).build(),
        TRAIN, TEST, List.of());
    Training.run(small(tmp.resolve("split")).setSteps(25).optCheckpointEvery(0).build(),
        TRAIN, TEST, List.of());
    assertEquals(25, latest(tmp.resolve("split")).step());
    TrainResult r = Training.resume(tmp.resolve("split"), 50, TRAIN, TEST, List.of());
    assertEquals(50, r.steps());
    assertSameState(latest(tmp.resolve("whole")), latest(tmp.resolve("split")));
    // metrics read as if never stopped: one row per step and the same epoch rows
    assertEquals(Files.readAllLines(tmp.resolve("whole/steps.csv")),
        Files.readAllLines(tmp.resolve("split/steps.csv")));
    List<EpochSummary> we = TrainResultRows.withoutSeconds(
        Training.resume(tmp.resolve("whole"), 50, TRAIN, TEST, List.of()).epochs());
    assertEquals(we, TrainResultRows.withoutSeconds(r.epochs()));
    assertEquals(2, we.size()); // 640 / 32 = 20 steps per epoch
  }

  @Test
  void nonFiniteLossStopsAtThatStepAndKeepsLastGoodCheckpoint(@TempDir Path tmp) throws IOException {
    // poison one example of step 15's batch (first seen at step 15: epoch 0 has no repeats)
    long expected = 15;
    int poisoned = EpochSampler.of(640, 32, 3).batch(expected)[7];
    float[] x = TRAIN.features().clone();
    x[poisoned * 20 + 5] = Float.NaN;
    ArrayData bad = new ArrayData(x, TRAIN.labels(), new float[0], new long[] {20}, 4);
    Path dir = tmp.resolve("nan");
    TrainConfig c = small(dir).optStandardize(false).build();
    TrainingFailedException e = assertThrows(TrainingFailedException.class,
        () -> Training.run(c, bad, TEST, List.of()));
    assertEquals(expected, e.step());
    assertTrue(e.getMessage().startsWith("step " + expected + " "), e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    String failed = Files.readString(dir.resolve("FAILED.txt"));
    assertTrue(failed.contains("step " + expected) && failed.contains("last good checkpoint"), failed);
    assertTrue(Files.readString(dir.resolve("status.json")).contains("\"failed\""));
    Checkpoint last = latest(dir);
    assertEquals(expected / 10 * 10, last.step());
    for (float[] w : last.weights().values()) {
      for (float v : w) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void divergingLearningRateStopsWithAMessageNamingTheStep(@TempDir Path tmp) {
    TrainConfig c = small(tmp.resolve("div")).setOptimizer("sgd").setLearningRate(1e12)
        .optLoss("square").build();
    TrainingFailedException e = assertThrows(TrainingFailedException.class,
        () -> Training.run(c, TRAIN, TEST, List.of()));
    assertTrue(e.getMessage().matches("step \\d+ \\(epoch \\d+\\): .*(NaN|Infinity|infinite).*"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void listenerSeesBatchGradientWeightsAndUpdateMatchingClosedForm(@TempDir Path tmp)
      throws IOException {
    // linear model, square loss ℓ_i = ½(aᵢᵀw − yᵢ)², plain SGD: Δw = −η (1/b) Σ aᵢ(aᵢᵀw − yᵢ)
    ArrayData reg = Synthetic.regression(64, 3, 5);
    List<float[]> seen = new ArrayList<>();
    List<int[]> batches = new ArrayList<>();
    List<Map<String, float[]>> oracle = new ArrayList<>();
    TrainingListener l = new TrainingListener() {
      @Override
      public boolean needsUpdates() {
        return true;
      }

      @Override
      public void onStep(StepContext s) {
        batches.add(s.batchIndices());
        seen.add(s.gradient("weight").toFloatArray());
        seen.add(s.weight("weight").toFloatArray());
        seen.add(s.update("weight").toFloatArray());
        oracle.add(s.gradientOracle().gradient(new int[] {0, 1, 2}));
        // the oracle restores the lent gradient
        seen.add(s.gradient("weight").toFloatArray());
      }
    };
    TrainConfig c = TrainConfig.builder().setModel("linear").setDataset("gaussian-regression")
        .setOptimizer("sgd").setLearningRate(0.1).setBatchSize(8).setSteps(2).optSeed(1)
        .optDevice("cpu").optProgress(false).optOut(tmp.resolve("lin")).build();
    Training.run(c, reg, null, List.of(l));
    // initial weights: re-create them from the same seed
    float[] w0;
    try (org.heavytail.trainer.model.Network net = org.heavytail.trainer.model.Network.create(
        org.heavytail.trainer.model.ModelSpec.parse("linear"), new long[] {3}, 1, 1,
        ai.djl.Device.cpu())) {
      w0 = net.weights().get("weight");
    }
    double[] w = {w0[0], w0[1], w0[2]};
    for (int k = 0; k < 2; k++) {
      double[] g = grad(reg, batches.get(k), w);
      float[] gSeen = seen.get(4 * k);
      for (int j = 0; j < 3; j++) {
        assertEquals(g[j], gSeen[j], 1e-5 * (1 + Math.abs(g[j])), "gradient step " + k);
        assertEquals(gSeen[j], seen.get(4 * k + 3)[j], 0.0, "gradient restored after oracle");
      }
      double[] before = w.clone();
      float[] wSeen = seen.get(4 * k + 1);
      float[] dSeen = seen.get(4 * k + 2);
      for (int j = 0; j < 3; j++) {
        w[j] = wSeen[j];
        assertEquals(before[j] - 0.1 * g[j], wSeen[j], 1e-5, "weight after step " + k);
        assertEquals(-0.1 * g[j], dSeen[j], 1e-5, "update of step " + k);
      }
      double[] go = grad(reg, new int[] {0, 1, 2}, w);
      float[] goSeen = oracle.get(k).get("weight");
      for (int j = 0; j < 3; j++) {
        assertEquals(go[j], goSeen[j], 1e-5 * (1 + Math.abs(go[j])), "oracle at step " + k);
      }
    }
  }

  private static double[] grad(ArrayData d, int[] idx, double[] w) {
    double[] g = new double[3];
    for (int i : idx) {
      double r = -d.targets()[i];
      for (int j = 0; j < 3; j++) {
        r += d.features()[i * 3 + j] * w[j];
      }
      for (int j = 0; j < 3; j++) {
        g[j] += d.features()[i * 3 + j] * r / idx.length;
      }
    }
    return g;
  }

  @Test
  void updateWithoutDeclaringNeedIsAClearError(@TempDir Path tmp) {
    TrainingListener l = new TrainingListener() {
      @Override
      public void onStep(StepContext s) {
        s.update("01Linear_weight");
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Training.run(small(tmp.resolve("u")).setSteps(1).build(), TRAIN, TEST, List.of(l)));
    assertTrue(e.getMessage().contains("needsUpdates"), e.getMessage());
  }

  @Test
  void learnsTheBlobs(@TempDir Path tmp) throws IOException {
    TrainResult r = Training.run(small(tmp.resolve("learn")).setSteps(60).build(), TRAIN, TEST, List.of());
    List<EpochSummary> e = r.epochs();
    assertEquals(3, e.size());
    assertTrue(e.get(2).trainLoss() < e.get(0).trainLoss(), e.toString());
    assertTrue(r.finalTestAccuracy() > 0.85, "test accuracy " + r.finalTestAccuracy());
    String epochs = Files.readString(tmp.resolve("learn/epochs.csv"));
    assertTrue(epochs.startsWith("epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,seconds"), epochs);
    assertTrue(Files.readString(tmp.resolve("learn/config.json")).contains("\"totalSteps\" : 60"));
  }

  @Test
  void refusesToOverwriteARunWithCheckpoints(@TempDir Path tmp) throws IOException {
    Training.run(small(tmp.resolve("x")).setSteps(5).build(), TRAIN, TEST, List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Training.run(small(tmp.resolve("x")).setSteps(5).build(), TRAIN, TEST, List.of()));
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
  }

  /** Epoch rows compared without their wall times. */
  static final class TrainResultRows {
    static List<EpochSummary> withoutSeconds(List<EpochSummary> rows) {
      List<EpochSummary> out = new ArrayList<>();
      for (EpochSummary e : rows) {
        out.add(new EpochSummary(e.epoch(), e.step(), e.trainLoss(), e.trainAccuracy(),
            e.testLoss(), e.testAccuracy(), 0));
      }
      return out;
    }
  }
}
