package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import org.heavytail.datasets.ArrayData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.optim.OptimizerFactory;
import org.heavytail.trainer.optim.OptimizerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loop gathers the epoch-permuted training set in chunks of batches; the weights after
 * several epochs must not depend on the chunk size (bit for bit), including chunks that do not
 * divide the epoch.
 */
class ChunkedBatchesTest {

  @BeforeAll
  static void threads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }

  static Map<String, float[]> train(ArrayData d, int chunkBatches, long steps) {
    ModelSpec spec = ModelSpec.parse("mlp:20-16-4:relu");
    try (Network net = Network.create(spec, d.exampleShape(), 4, 5, Device.cpu());
        TrainingData data = TrainingData.of(d, null, net.inputShape(), Device.cpu())) {
      var opt = OptimizerFactory.forName("sgd").create(OptimizerOptions.of(Map.of("lr", "0.1")));
      Trainer t = new Trainer(net, LossKind.CROSS_ENTROPY, opt, data,
          EpochSampler.of(d.size(), 32, 9), List.of());
      if (chunkBatches > 0) {
        t.setChunkBatches(chunkBatches);
      }
      for (long k = 0; k < steps; k++) {
        t.step(k);
      }
      t.releasePermuted();
      return net.weights();
    }
  }

  @Test
  void weightsDoNotDependOnTheChunkSize() {
    ArrayData d = Synthetic.blobs(640, 20, 4, 1); // 20 steps per epoch
    long steps = 47; // two epochs and a part
    Map<String, float[]> whole = train(d, 20, steps);
    for (int chunk : new int[] {1, 3, 7}) {
      Map<String, float[]> w = train(d, chunk, steps);
      assertEquals(whole.keySet(), w.keySet());
      for (String k : whole.keySet()) {
        assertArrayEquals(whole.get(k), w.get(k), 0f, "chunk " + chunk + ", " + k);
      }
    }
  }
}
