package org.heavytail.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Loads the real Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017), as installed by Debian's
 * {@code dataset-fashion-mnist} into /usr/share/datasets/fashion-mnist (or found on the data
 * path). Fails with the locator's message when absent.
 */
class FashionMnistRealDataTest {

  @Test
  void balancedClassesAndKnownFirstLabels() throws Exception {
    ArrayData train = DataSets.load(DataSetId.FASHION_MNIST, Split.TRAIN);
    ArrayData test = DataSets.load(DataSetId.FASHION_MNIST, Split.TEST);
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    assertArrayEquals(new long[] {1, 28, 28}, train.exampleShape());
    // 6,000 train and 1,000 test images per class (Xiao et al. 2017, Table 1)
    int[] h = new int[10];
    for (int y : train.labels()) {
      h[y]++;
    }
    assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, h);
    int[] t = new int[10];
    for (int y : test.labels()) {
      t[y]++;
    }
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, t);
    assertEquals(9, train.labels()[0]); // the first training image is an ankle boot
    assertEquals(9, test.labels()[0]);
  }
}
