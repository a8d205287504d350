package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Loads the real MNIST from the shared data folder ({@code ../shared/data/mnist}). Fails with
 * the locator's message (folders tried, files expected) when the data are absent.
 */
class MnistRealDataTest {

  /** Label counts of MNIST (LeCun et al.), train and test; they sum to 60,000 and 10,000. */
  private static final int[] TRAIN_HIST = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851,
      5949};
  private static final int[] TEST_HIST = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

  @Test
  void trainSplitHasKnownCountsShapeAndLabels() throws Exception {
    ArrayData d = DataSets.load(DataSetId.MNIST, Split.TRAIN);
    assertEquals(60_000, d.size());
    assertArrayEquals(new long[] {1, 28, 28}, d.exampleShape());
    assertEquals(5, d.labels()[0]); // the famous first digit
    assertEquals(0, d.labels()[1]);
    assertEquals(4, d.labels()[2]);
    assertArrayEquals(TRAIN_HIST, histogram(d.labels()));
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    double sum = 0;
    for (float v : d.features()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    // mean pixel intensity of MNIST train is 0.1307 (the usual normalisation constant)
    assertEquals(0.1307, sum / d.features().length, 5e-4);
  }

  @Test
  void testSplitHasKnownCounts() throws Exception {
    ArrayData d = DataSets.load(DataSetId.MNIST, Split.TEST);
    assertEquals(10_000, d.size());
    assertEquals(7, d.labels()[0]);
    assertArrayEquals(TEST_HIST, histogram(d.labels()));
  }

  @Test
  void djlDatasetOverTheTestSplit() throws Exception {
    InMemoryDataset ds = DataSets.djlBuilder(DataSetId.MNIST, Split.TEST, DataLocation.defaults())
        .setShuffledSampling(100, 1).optSubset(1000).build();
    assertEquals(1000, ds.size());
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
      int seen = 0;
      for (ai.djl.training.dataset.Batch b : ds.getData(m)) {
        try (b) {
          assertEquals(new ai.djl.ndarray.types.Shape(100, 1, 28, 28),
              b.getData().head().getShape());
          seen += b.getSize();
        }
      }
      assertEquals(1000, seen);
      assertEquals(7f, ds.get(m, 0).getLabels().head().getFloat());
    }
  }

  private static int[] histogram(int[] labels) {
    int[] h = new int[10];
    for (int y : labels) {
      h[y]++;
    }
    return h;
  }
}
