package org.heavytail.datasets.idx;

import static org.heavytail.datasets.idx.IdxTestFiles.gzip;
import static org.heavytail.datasets.idx.IdxTestFiles.ubyte;
import static org.heavytail.datasets.idx.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.heavytail.datasets.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  private static byte[] ramp(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  @Test
  void readsRawAndGzipIdentically() throws Exception {
    byte[] data = ramp(2 * 3 * 4);
    byte[] raw = ubyte(new int[] {2, 3, 4}, data);
    IdxArray a = IdxReader.read(write(dir, "a-idx3-ubyte", raw));
    // a gzipped file is detected by its magic bytes, whatever its name
    IdxArray b = IdxReader.read(write(dir, "b-no-extension", gzip(raw)));
    assertFalse(a.compressed());
    assertTrue(b.compressed());
    assertArrayEquals(new int[] {2, 3, 4}, a.dims());
    assertArrayEquals(data, a.data());
    assertArrayEquals(data, b.data());
    assertEquals(16, a.headerSize());
    assertEquals(16 + 5, a.offsetOf(5));
  }

  @Test
  void wrongMagicNamesFileOffsetAndExpectation() throws Exception {
    byte[] bytes = ubyte(new int[] {3}, new byte[3]);
    bytes[0] = 0x12;
    Path f = write(dir, "bad-magic", bytes);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertEquals(f, e.file());
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("bad-magic"), e.getMessage());
    assertTrue(e.getMessage().contains("magic number"), e.getMessage());
    assertTrue(e.getMessage().contains("0x12000801"), e.getMessage());
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void wrongTypeIsRejected() throws Exception {
    Path f = write(dir, "int32", IdxTestFiles.idx(0x0C, new int[] {1}, new byte[4]));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertEquals(2, e.offset());
    assertTrue(e.getMessage().contains("0x0C (int32)"), e.getMessage());
    assertTrue(e.getMessage().contains("0x08 (unsigned byte)"), e.getMessage());
  }

  @Test
  void truncatedRawFileReportsByteOffset() throws Exception {
    byte[] full = ubyte(new int[] {10, 28, 28}, ramp(10 * 784));
    Path f = write(dir, "cut-idx3-ubyte", Arrays.copyOf(full, 1000));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertEquals(1000, e.offset());
    assertTrue(e.getMessage().contains("cut-idx3-ubyte"), e.getMessage());
    assertTrue(e.getMessage().contains("byte offset 1000"), e.getMessage());
    assertTrue(e.getMessage().contains("7856 bytes"), e.getMessage()); // 16 + 7840
  }

  @Test
  void truncatedGzipFileReportsDecompressedOffset() throws Exception {
    byte[] full = ubyte(new int[] {10, 28, 28}, ramp(10 * 784));
    byte[] gz = gzip(full);
    // a gzip stream cut in the middle: the reader stops where the inflater runs dry
    Path f = write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertTrue(e.offset() >= 16 && e.offset() < full.length, "offset " + e.offset());
    assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
    // the data declared in the header but cut: a valid gzip of a short IDX
    Path g = write(dir, "short.gz", gzip(Arrays.copyOf(full, 500)));
    DataFormatException e2 = assertThrows(DataFormatException.class, () -> IdxReader.read(g));
    assertEquals(500, e2.offset());
  }

  @Test
  void truncatedHeaderIsReported() throws Exception {
    byte[] full = ubyte(new int[] {10, 28, 28}, new byte[0]);
    Path f = write(dir, "head", Arrays.copyOf(full, 9));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertEquals(9, e.offset());
    assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() throws Exception {
    byte[] full = ubyte(new int[] {4}, new byte[6]); // declares 4, holds 6
    Path f = write(dir, "long", full);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
    assertEquals(8 + 4, e.offset());
  }

  @Test
  void wrongDimensionsAreNamed() throws Exception {
    Path f = write(dir, "img", ubyte(new int[] {2, 28, 27}, new byte[2 * 28 * 27]));
    IdxArray a = IdxReader.read(f);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> a.requireShape(-1, 28, 28));
    assertEquals(12, e.offset());
    assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
    assertTrue(e.getMessage().contains("27; expected 28"), e.getMessage());
    DataFormatException rank =
        assertThrows(DataFormatException.class, () -> a.requireShape(-1));
    assertEquals(0, rank.offset());
    assertTrue(rank.getMessage().contains("rank 3"), rank.getMessage());
    Path z = write(dir, "zero", ubyte(new int[] {0}, new byte[0]));
    DataFormatException ze = assertThrows(DataFormatException.class, () -> IdxReader.read(z));
    assertEquals(4, ze.offset());
  }
}
