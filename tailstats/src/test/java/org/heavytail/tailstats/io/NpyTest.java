package org.heavytail.tailstats.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir Path dir;

  private static float[] randomFloats(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  /** Runs python3 with numpy; CI has both, so their absence is a failure, not a skip. */
  static String python(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("python3", "-c", script)).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
    assertEquals(0, p.exitValue(), "python3 with numpy is required by this test; output:\n" + out);
    return out.trim();
  }

  @Test
  void headerIsPaddedTo64AndEndsWithNewline() {
    for (long[] shape : new long[][] {{}, {7}, {3, 4}, {2, 3, 5}, {123456789012L}}) {
      byte[] h = NpyHeader.encode(NpyDType.FLOAT32, shape);
      assertEquals(0, h.length % 64, "header length " + h.length);
      assertEquals('\n', h[h.length - 1]);
      assertEquals(1, h[6], "version 1.0 for small headers");
    }
    String s = new String(NpyHeader.encode(NpyDType.FLOAT64, 7), StandardCharsets.ISO_8859_1);
    assertTrue(s.contains("{'descr': '<f8', 'fortran_order': False, 'shape': (7,), }"), s);
  }

  @Test
  void roundTripFloat32AndFloat64() throws IOException {
    float[] a = randomFloats(100_003, 1);
    Path f = dir.resolve("a.npy");
    Npy.write(f, a);
    assertArrayEquals(a, Npy.readFloats(f));
    double[] d = Npy.readDoubles(f);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], d[i], 0.0);
    }
    double[] b = new double[6];
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.PI * i;
    }
    Path g = dir.resolve("b.npy");
    Npy.write(g, b, 2, 3);
    NpyHeader h = NpyHeader.read(g);
    assertArrayEquals(new long[] {2, 3}, h.shape());
    assertEquals(NpyDType.FLOAT64, h.dtype());
    assertEquals(0, h.dataOffset() % 64);
    assertArrayEquals(b, Npy.readDoubles(g), 0.0);
    assertEquals(h.dataOffset() + 48, Files.size(g));
  }

  @Test
  void numpyReadsWhatWeWriteAndWeReadWhatNumpyWrites() throws Exception {
    float[] a = {1.5f, -2.25f, 3e-30f, Float.MAX_VALUE, 0f, -0f};
    Path f = dir.resolve("ours.npy");
    Npy.write(f, a, 2, 3);
    String out = python("import numpy as np; a = np.load('" + f + "'); "
        + "print(a.dtype, a.shape, ' '.join(str(int(b)) for b in a.ravel().view(np.uint32)))");
    StringBuilder want = new StringBuilder("float32 (2, 3)");
    for (float v : a) {
      want.append(' ').append(Integer.toUnsignedString(Float.floatToRawIntBits(v)));
    }
    assertEquals(want.toString(), out, "numpy reads the same bits");
    Path v1 = dir.resolve("np_v1.npy");
    Path v2 = dir.resolve("np_v2.npy");
    Path be = dir.resolve("np_be.npy");
    python("import numpy as np; a = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 8; "
        + "np.save('" + v1 + "', a); "
        + "f = open('" + v2 + "', 'wb'); np.lib.format.write_array(f, a.astype(np.float32), "
        + "version=(2, 0)); f.close(); np.save('" + be + "', a.astype('>f4'))");
    for (Path p : List.of(v1, v2, be)) {
      NpyHeader h = NpyHeader.read(p);
      assertArrayEquals(new long[] {2, 3, 4}, h.shape(), p.toString());
      float[] x = Npy.readFloats(p);
      assertEquals(24, x.length);
      for (int i = 0; i < 24; i++) {
        assertEquals(i / 8f, x[i], 0f, p + " element " + i);
      }
    }
  }

  @Test
  void streamingWriterChecksCount() throws IOException {
    Path f = dir.resolve("s.npy");
    try (NpyWriter w = NpyWriter.open(f, NpyDType.FLOAT32, 5)) {
      w.write(new float[] {1, 2});
      w.write(new double[] {3});
      w.write(FloatBuffer.wrap(new float[] {4, 5}));
    }
    assertArrayEquals(new float[] {1, 2, 3, 4, 5}, Npy.readFloats(f));
    IOException e = assertThrows(IOException.class, () -> {
      try (NpyWriter w = NpyWriter.open(f, NpyDType.FLOAT32, 5)) {
        w.write(new float[] {1, 2});
      }
    });
    assertTrue(e.getMessage().contains("5 elements, 2 were written"), e.getMessage());
    IOException over = assertThrows(IOException.class, () -> {
      try (NpyWriter w = NpyWriter.open(f, NpyDType.FLOAT32, 1)) {
        w.write(new float[] {1, 2});
      }
    });
    assertTrue(over.getMessage().contains("exceed shape"), over.getMessage());
  }

  @Test
  void largeArraysRoundTripThroughWriterAndReadersInEitherType() throws IOException {
    int n = 40_003; // 160 KB as float32, 320 KB as float64: several 64 KiB buffer flushes
    float[] f = new float[n + 7];
    double[] d = new double[n + 7];
    for (int i = 0; i < f.length; i++) {
      f[i] = i * 0.25f - 3;
      d[i] = i * 0.125 + 1e-9 * i;
    }
    for (NpyDType type : new NpyDType[] {NpyDType.FLOAT32, NpyDType.FLOAT64}) {
      Path p = dir.resolve("big-" + type + ".npy");
      try (NpyWriter w = NpyWriter.open(p, type, 2L * n)) {
        w.write(f, 7, n); // from an offset
        w.write(d, 7, n);
      }
      double[] back = Npy.readDoubles(p); // 80,006 values: more than one read chunk
      float[] backF = Npy.readFloats(p);
      assertEquals(2 * n, back.length);
      assertEquals(2 * n, backF.length);
      for (int i = 0; i < 2 * n; i++) {
        assertEquals((float) back[i], backF[i], 0f, type + " read as floats, element " + i);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(f[7 + i], back[i], 0.0, type + " float source, element " + i);
        double expected = type == NpyDType.FLOAT32 ? (float) d[7 + i] : d[7 + i];
        assertEquals(expected, back[n + i], 0.0, type + " double source, element " + i);
      }
    }
  }

  @Test
  void badFilesNameTheProblem() throws IOException {
    Path f = dir.resolve("bad.npy");
    Files.write(f, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
    IOException e = assertThrows(IOException.class, () -> Npy.readFloats(f));
    assertTrue(e.getMessage().contains("bad.npy") && e.getMessage().contains("magic"),
        e.getMessage());
    Path g = dir.resolve("trunc.npy");
    Npy.write(g, new float[100]);
    byte[] all = Files.readAllBytes(g);
    Files.write(g, java.util.Arrays.copyOf(all, all.length - 4));
    IOException t = assertThrows(IOException.class, () -> Npy.readFloats(g));
    assertTrue(t.getMessage().contains("truncated"), t.getMessage());
  }

  @Test
  void mappedReaderCrossesSegments() throws IOException {
    float[] a = randomFloats(10_001, 2);
    Path f = dir.resolve("m.npy");
    Npy.write(f, a);
    try (MappedNpy m = MappedNpy.open(f, 1024)) { // 256 floats per segment
      assertEquals(40, m.segmentCount());
      assertEquals(a.length, m.size());
      for (int i = 0; i < a.length; i += 97) {
        assertEquals(a[i], m.getFloat(i), 0f);
      }
      float[] b = new float[a.length];
      m.copyFloats(0, b, 0, 300);
      m.copyFloats(300, b, 300, a.length - 300);
      assertArrayEquals(a, b);
      assertEquals(256, m.floatSegment(0).remaining());
      assertEquals(a[256 * 39], m.floatSegment(39).get(0), 0f);
    }
    double[] d = new double[777];
    for (int i = 0; i < d.length; i++) {
      d[i] = i * 0.5;
    }
    Path g = dir.resolve("d.npy");
    Npy.write(g, d);
    try (MappedNpy m = MappedNpy.open(g, 64)) {
      float[] b = new float[700];
      m.copyFloats(70, b, 0, 700);
      for (int i = 0; i < 700; i++) {
        assertEquals((70 + i) * 0.5f, b[i], 0f);
      }
      assertEquals(776 * 0.5, m.getDouble(776), 0.0);
    }
  }

  @Test
  void csvColumn() throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "layer,\"value\"\nfc1,1.5\nfc2,-2e3\n\nfc3,nan\n");
    double[] v = CsvColumn.read(f, "value");
    assertEquals(3, v.length);
    assertEquals(-2000, v[1], 0);
    assertTrue(Double.isNaN(v[2]));
    IOException e = assertThrows(IOException.class, () -> CsvColumn.read(f, "grad"));
    assertTrue(e.getMessage().contains("'grad'") && e.getMessage().contains("value"),
        e.getMessage());
    Files.writeString(f, "value\n1\nabc\n");
    IOException bad = assertThrows(IOException.class, () -> CsvColumn.read(f, "value"));
    assertTrue(bad.getMessage().contains(":3:") && bad.getMessage().contains("abc"),
        bad.getMessage());
  }
}
