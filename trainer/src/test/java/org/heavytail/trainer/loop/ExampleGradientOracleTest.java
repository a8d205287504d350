package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.heavytail.datasets.ArrayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradient oracle is read-only: a batch-norm network (ResNet-20, whose running statistics a
 * training-mode forward pass would move) trained with a listener that calls the oracle every
 * step ends bit for bit where the same run without the oracle ends, weights and running
 * statistics included. Each step the listener also checks that the batched form {@code
 * gradients(sets, consumer)} hands over, bit for bit, what one {@code gradient} call per set
 * returns, and that the gradients the loop lent it are the same after all those calls.
 */
class ExampleGradientOracleTest {

  private static ArrayData images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] f = new float[n * 3 * 8 * 8];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian();
    }
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) {
      lab[i] = r.nextInt(10);
    }
    return new ArrayData(f, lab, new float[0], new long[] {3, 8, 8}, 10);
  }

  private static Map<String, float[]> train(Path out, boolean callOracle) throws IOException {
    TrainConfig c = TrainConfig.builder().setModel("resnet20").setDataset("synthetic")
        .setOptimizer("momentum").setLearningRate(0.05).setBatchSize(8).setSteps(3).optSeed(5)
        .optDevice("cpu").optCheckpointEvery(0).optProgress(false).optOut(out).build();
    TrainingListener oracleCaller = new TrainingListener() {
      @Override
      public void onStep(StepContext s) {
        String first = s.parameterNames().get(0);
        float[] lent = s.gradient(first).toFloatArray();
        int[] a = {0, 5, 9};
        int[] b = {1, 2, 3, 4};
        Map<String, float[]> g = s.gradientOracle().gradient(a);
        assertTrue(g.values().stream().allMatch(v -> v.length > 0));
        Map<String, float[]> h = s.gradientOracle().gradient(b);
        List<Map<String, float[]>> batched = new ArrayList<>();
        s.gradientOracle().gradients(List.of(a, b, a), batched::add);
        assertEquals(3, batched.size());
        for (String k : g.keySet()) {
          assertArrayEquals(g.get(k), batched.get(0).get(k), 0f, k);
          assertArrayEquals(h.get(k), batched.get(1).get(k), 0f, k);
          assertArrayEquals(g.get(k), batched.get(2).get(k), 0f, k);
        }
        assertArrayEquals(lent, s.gradient(first).toFloatArray(), 0f, "lent gradient restored");
      }
    };
    Training.run(c, images(32, 1), null, callOracle ? List.of(oracleCaller) : List.of());
    return TrainingTest.latest(out).weights();
  }

  @Test
  void oracleLeavesWeightsAndRunningStatisticsUnchanged(@TempDir Path tmp) throws IOException {
    Map<String, float[]> plain = train(tmp.resolve("plain"), false);
    Map<String, float[]> probed = train(tmp.resolve("probed"), true);
    assertEquals(plain.keySet(), probed.keySet());
    assertTrue(plain.keySet().stream().anyMatch(k -> k.contains("runningMean")),
        "the checkpoint holds batch-norm running statistics: " + plain.keySet());
    for (String k : plain.keySet()) {
      assertArrayEquals(plain.get(k), probed.get(k), 0f, k);
    }
  }
}
