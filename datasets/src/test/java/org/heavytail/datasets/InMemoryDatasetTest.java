package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDatasetTest {

  /** n examples of shape {1, 2, 2}; every feature of example i equals i, label i mod 3. */
  private static ArrayData tagged(int n) {
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(x, i * 4, i * 4 + 4, i);
      y[i] = i % 3;
    }
    return new ArrayData(x, y, new float[0], new long[] {1, 2, 2}, 3);
  }

  private static List<Integer> epoch(InMemoryDataset ds, NDManager m, List<Long> sizes)
      throws Exception {
    List<Integer> order = new ArrayList<>();
    for (Batch b : ds.getData(m)) {
      try (b) {
        float[] x = b.getData().head().toFloatArray();
        float[] y = b.getLabels().head().toFloatArray();
        long bs = b.getSize();
        sizes.add(bs);
        assertEquals(new Shape(bs, 1, 2, 2), b.getData().head().getShape());
        assertEquals(new Shape(bs), b.getLabels().head().getShape());
        for (int k = 0; k < bs; k++) {
          int i = (int) x[k * 4];
          assertEquals(i % 3, (int) y[k], "label travels with its example");
          order.add(i);
        }
      }
    }
    return order;
  }

  @Test
  void seededShufflingCoversEveryExampleOncePerEpoch() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InMemoryDataset ds =
          InMemoryDataset.builder(tagged(10)).setShuffledSampling(4, 42).build();
      List<Long> sizes = new ArrayList<>();
      List<Integer> e1 = epoch(ds, m, sizes);
      assertEquals(List.of(4L, 4L, 2L), sizes);
      List<Integer> sorted = new ArrayList<>(e1);
      sorted.sort(null);
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sorted);
      List<Integer> e2 = epoch(ds, m, new ArrayList<>());
      assertNotEquals(e1, e2, "a new permutation each epoch");
      // same seed, same epochs: and equal to SeededSampler's own stream
      InMemoryDataset again =
          InMemoryDataset.builder(tagged(10)).setShuffledSampling(4, 42).build();
      assertEquals(e1, epoch(again, m, new ArrayList<>()));
      int[] p = SeededSampler.of(42).nextPermutation(10);
      assertEquals(e1, Arrays.stream(p).boxed().toList());
      assertFalse(e1.equals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
    }
  }

  @Test
  void subsetUsesTheFirstExamplesOnly() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InMemoryDataset ds = InMemoryDataset.builder(tagged(10)).setShuffledSampling(3, 1)
          .optSubset(5).build();
      assertEquals(5, ds.size());
      List<Integer> order = epoch(ds, m, new ArrayList<>());
      order.sort(null);
      assertEquals(List.of(0, 1, 2, 3, 4), order);
      assertThrows(IllegalArgumentException.class,
          () -> InMemoryDataset.builder(tagged(3)).optSubset(0));
    }
  }

  @Test
  void recordAndTransformPathAgreeWithArrays() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InMemoryDataset plain =
          InMemoryDataset.builder(tagged(6)).setSampling(6, false).build();
      Record r = plain.get(m, 4);
      assertArrayEquals(new float[] {4, 4, 4, 4}, r.getData().head().toFloatArray());
      assertEquals(new Shape(1, 2, 2), r.getData().head().getShape());
      assertEquals(1f, r.getLabels().head().getFloat());
      // a transform forces DJL's per-record path; results must match the direct path x 2
      InMemoryDataset doubled = InMemoryDataset.builder(tagged(6)).setSampling(6, false)
          .addTransform(a -> a.mul(2)).build();
      Batch b = doubled.getData(m).iterator().next();
      float[] x = b.getData().head().toFloatArray();
      assertEquals(10f, x[5 * 4]);
      assertEquals(new Shape(6, 1, 2, 2), b.getData().head().getShape());
      b.close();
    }
  }

  @Test
  void byteBackedDatasetGivesTheSameBatchesAsFloats() throws Exception {
    byte[] px = new byte[5 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 13);
    }
    ImageBytes img = new ImageBytes(px, new int[] {4, 3, 2, 1, 0}, new long[] {1, 2, 2}, 5);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InMemoryDataset fromBytes =
          InMemoryDataset.builder(img).setShuffledSampling(2, 9).build();
      InMemoryDataset fromFloats =
          InMemoryDataset.builder(img.toArrayData()).setShuffledSampling(2, 9).build();
      var a = fromBytes.getData(m).iterator();
      var b = fromFloats.getData(m).iterator();
      int batches = 0;
      while (a.hasNext()) {
        try (Batch x = a.next(); Batch y = b.next()) {
          assertArrayEquals(y.getData().head().toFloatArray(), x.getData().head().toFloatArray());
          assertArrayEquals(y.getLabels().head().toFloatArray(),
              x.getLabels().head().toFloatArray());
          batches++;
        }
      }
      assertFalse(b.hasNext());
      assertEquals(3, batches);
      Record r = fromBytes.get(m, 1);
      assertEquals(((4 * 13) & 0xFF) / 255f, r.getData().head().toFloatArray()[0]);
      assertEquals(3f, r.getLabels().head().getFloat());
    }
  }

  @Test
  void labelsWorkWithSoftmaxCrossEntropyAndTargetsAreMatrices() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InMemoryDataset ds = InMemoryDataset.builder(tagged(6)).setSampling(6, false).build();
      try (Batch b = ds.getData(m).iterator().next()) {
        // uniform logits: the cross-entropy is log(3) whatever the labels
        NDList logits = new NDList(m.zeros(new Shape(6, 3)));
        float loss = Loss.softmaxCrossEntropyLoss().evaluate(b.getLabels(), logits).getFloat();
        assertEquals(Math.log(3), loss, 1e-6);
      }
      float[] x = {1, 2, 3, 4, 5, 6};
      float[] t = {10, 20, 30};
      ArrayData reg = new ArrayData(x, new int[0], t, new long[] {2}, 0);
      InMemoryDataset rd = InMemoryDataset.builder(reg).setSampling(2, false).build();
      try (Batch b = rd.getData(m).iterator().next()) {
        assertEquals(new Shape(2, 1), b.getLabels().head().getShape());
        assertArrayEquals(new float[] {10, 20}, b.getLabels().head().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, b.getData().head().toFloatArray());
      }
    }
  }
}
