package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run on real MNIST (../shared/data; fails with the data locator's message when absent):
 * the default MLP on the first 3,200 training images for two epochs of SGD learns.
 */
class MnistTrainingTest {

  @BeforeAll
  static void threads() {
    TestThreads.oneIfUnset();
  }

  @Test
  void mlpOnAnMnistSubsetLearns(@TempDir Path tmp) throws IOException {
    String shared = System.getProperty("heavytail.shared.dir", "../shared");
    TrainConfig c = TrainConfig.builder()
        .setEpochs(2)
        .optSubset(3200)
        .optDevice("cpu")
        .optProgress(false)
        .optDataDir(Path.of(shared, "data"))
        .optOut(tmp.resolve("mnist"))
        .build();
    TrainResult r = Training.run(c, List.of());
    assertEquals(2 * 25, r.steps()); // 3200 / 128 = 25 steps per epoch
    List<EpochSummary> e = r.epochs();
    assertTrue(e.get(1).trainLoss() < e.get(0).trainLoss(), e.toString());
    assertTrue(e.get(1).trainLoss() < 0.7 * Math.log(10), e.toString());
    // 50 steps on 3,200 images: well above chance (0.1) on the 10,000 test images
    assertTrue(r.finalTestAccuracy() > 0.8, "test accuracy " + r.finalTestAccuracy());
  }
}
