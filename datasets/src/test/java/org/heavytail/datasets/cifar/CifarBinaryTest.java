package org.heavytail.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;
import org.heavytail.datasets.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {

  @TempDir Path dir;

  static ImageBytes sample(int n) {
    byte[] px = new byte[n * 3072];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 31 + i / 3072);
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = (i * 3) % 10;
    }
    return new ImageBytes(px, y, new long[] {3, 32, 32}, 10);
  }

  @Test
  void writeThenReadRoundTripsBothSplits() throws Exception {
    ImageBytes train = sample(12);
    ImageBytes test = sample(3);
    CifarBinary.writeSplit(dir, Split.TRAIN, train);
    CifarBinary.writeSplit(dir, Split.TEST, test);
    // five train batches of 2 or 3 records, 3073 bytes each
    assertEquals(2 * 3073, Files.size(dir.resolve("data_batch_1.bin")));
    assertEquals(3 * 3073, Files.size(dir.resolve("data_batch_5.bin")));
    assertEquals(dir, CifarBinary.findFolder(dir, Split.TRAIN));
    ImageBytes back = CifarBinary.read(dir, Split.TRAIN);
    assertArrayEquals(train.pixels(), back.pixels());
    assertArrayEquals(train.labels(), back.labels());
    assertArrayEquals(new long[] {3, 32, 32}, back.exampleShape());
    assertArrayEquals(test.labels(), CifarBinary.read(dir, Split.TEST).labels());
    // record layout: label byte then R plane
    byte[] raw = Files.readAllBytes(dir.resolve("test_batch.bin"));
    assertEquals(test.labels()[1], raw[3073]);
    assertEquals(test.pixels()[3072], raw[3074]);
  }

  @Test
  void releaseSubfolderIsFound() throws Exception {
    Path sub = dir.resolve(CifarBinary.RELEASE_FOLDER);
    CifarBinary.writeSplit(sub, Split.TEST, sample(2));
    assertEquals(sub, CifarBinary.findFolder(dir, Split.TEST));
    assertNull(CifarBinary.findFolder(dir, Split.TRAIN));
  }

  @Test
  void truncatedBatchNamesFileAndOffset() throws Exception {
    CifarBinary.writeSplit(dir, Split.TEST, sample(3));
    Path f = dir.resolve("test_batch.bin");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, 2 * 3073 + 100));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> CifarBinary.read(dir, Split.TEST));
    assertEquals(f, e.file());
    assertEquals(2 * 3073, e.offset());
    assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("record 2, truncated"), e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesRecordOffset() throws Exception {
    CifarBinary.writeSplit(dir, Split.TEST, sample(3));
    Path f = dir.resolve("test_batch.bin");
    byte[] b = Files.readAllBytes(f);
    b[3073] = (byte) 200;
    Files.write(f, b);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> CifarBinary.read(List.of(f)));
    assertEquals(3073, e.offset());
    assertTrue(e.getMessage().contains("value 200; expected 0..9"), e.getMessage());
  }
}
