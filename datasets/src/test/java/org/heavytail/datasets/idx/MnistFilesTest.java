package org.heavytail.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {

  @TempDir Path dir;

  @Test
  void loadsSmallSplitAndNormalises() throws Exception {
    IdxTestFiles.writeMnist(dir, "t10k", 3, true);
    ImageBytes b = MnistFiles.load(dir, Split.TEST);
    assertEquals(3, b.size());
    assertArrayEquals(new int[] {0, 1, 2}, b.labels());
    ArrayData a = b.toArrayData();
    assertArrayEquals(new long[] {1, 28, 28}, a.exampleShape());
    assertEquals(0f, a.features()[0]);
    assertEquals(1f / 255f, a.features()[1]);
    assertEquals(1f, a.features()[255]);
    assertEquals(10, a.numClasses());
  }

  @Test
  void labelOutOfRangeNamesFileOffsetValue() throws Exception {
    IdxTestFiles.writeMnist(dir, "train", 5, false);
    byte[] lb = {1, 2, 3, 12, 4};
    IdxTestFiles.write(dir, "train-labels-idx1-ubyte", IdxTestFiles.ubyte(new int[] {5}, lb));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> MnistFiles.load(dir, Split.TRAIN));
    assertEquals(8 + 3, e.offset());
    assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
    assertTrue(e.getMessage().contains("label 3"), e.getMessage());
    assertTrue(e.getMessage().contains("value 12; expected 0..9"), e.getMessage());
  }

  @Test
  void countMismatchAndWrongImageSize() throws Exception {
    IdxTestFiles.writeMnist(dir, "train", 5, false);
    IdxTestFiles.write(
        dir, "train-labels-idx1-ubyte", IdxTestFiles.ubyte(new int[] {4}, new byte[4]));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> MnistFiles.load(dir, Split.TRAIN));
    assertEquals(4, e.offset());
    assertTrue(e.getMessage().contains("4; expected 5"), e.getMessage());

    IdxTestFiles.writeMnist(dir, "t10k", 2, false);
    IdxTestFiles.write(
        dir, "t10k-images-idx3-ubyte",
        IdxTestFiles.ubyte(new int[] {2, 32, 32}, new byte[2 * 32 * 32]));
    DataFormatException e2 =
        assertThrows(DataFormatException.class, () -> MnistFiles.load(dir, Split.TEST));
    assertEquals(8, e2.offset());
    assertTrue(e2.getMessage().contains("dimension 1"), e2.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Exception e =
        assertThrows(java.io.FileNotFoundException.class, () -> MnistFiles.load(dir, Split.TEST));
    assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());
  }
}
