package org.heavytail.trainer.store;

import static org.heavytail.trainer.store.StoreFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code numpy.load} reads every chunk, the manifest's (file, offset, rows) addresses the right
 * rows, and float16 values equal NumPy's own {@code astype(np.float16)} of the float32 source.
 * Needs {@code python3} with numpy: fails (never skips) when it is missing.
 */
class NumpyInteropTest {

  private static final String SCRIPT = String.join("\n",
      "import csv, sys, numpy as np",
      "d = sys.argv[1]",
      "src = np.load(d + '/src.npy')",
      "out, k = [], 0",
      "for r in csv.DictReader(open(d + '/store/manifest.csv')):",
      "    a = np.load(d + '/store/' + r['file'])",
      "    assert a.ndim == 2 and a.shape[1] == int(r['width']), a.shape",
      "    assert a.dtype == (np.float16 if r['dtype'] == 'float16' else np.float32), a.dtype",
      "    o, n = int(r['offset']), int(r['rows'])",
      "    blk = a[o:o + n]",
      "    s = src[k:k + blk.size].reshape(blk.shape); k += blk.size",
      "    assert np.array_equal(blk, s.astype(a.dtype)), (r, blk, s)",
      "    out.append(blk.astype(np.float64).ravel())",
      "idx = np.load(d + '/store/indices/b.npy')",
      "assert idx.dtype == np.int64 and list(idx) == [2, 3, 7, 11], idx",
      "np.concatenate(out).tofile(d + '/out.f64')",
      "print('ok', k)");

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(StorageType.class)
  void numpyLoadsEveryChunk(StorageType type) throws Exception {
    requireNumpy();
    Path store = tmp.resolve("store");
    List<Float> source = new ArrayList<>();
    try (SnapshotWriter w = SnapshotWriter.builder(store).optStorageType(type)
        .optChunkBytes(3000).build()) {
      w.declareLayer("b", new long[] {4, 3}, new long[] {2, 3, 7, 11}, 5L);
      for (long s = 0; s < 25; s++) {
        for (SnapshotRecord r : new SnapshotRecord[] {
            record(s, "a", SnapshotKind.GRADIENT, 1, 90), record(s, "b", SnapshotKind.NOISE, 5, 4)}) {
          for (int i = 0; i < r.values(); i++) {
            source.add(r.data()[i]);
          }
          w.submit(r);
        }
      }
      w.flush();
    }
    ByteBuffer src = ByteBuffer.allocate(source.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    source.forEach(src::putFloat);
    Files.write(tmp.resolve("src.npy"), concat(
        ChunkHeader.encode("<f4", new long[] {source.size()}), src.flip()));
    Path script = tmp.resolve("check.py");
    Files.writeString(script, SCRIPT);
    String out = python(script.toString(), tmp.toString());
    assertTrue(out.startsWith("ok " + source.size()), out);

    // the values NumPy read equal the Java reader's, bit for bit
    ByteBuffer f64 = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("out.f64")))
        .order(ByteOrder.LITTLE_ENDIAN);
    SnapshotStore s = SnapshotStore.open(store);
    for (ManifestEntry e : s.entries()) {
      for (float v : s.read(e)) {
        assertEquals(v, (float) f64.getDouble());
      }
    }
    assertEquals(0, f64.remaining());
  }

  static void requireNumpy() throws Exception {
    String v;
    try {
      v = python("-c", "import numpy; print(numpy.__version__)");
    } catch (IOException e) {
      v = e.getMessage();
    }
    if (!v.matches("(?s)\\d+\\.\\d+.*")) {
      fail("python3 with numpy is required to check .npy interoperability (Debian: apt-get "
          + "install python3-numpy): " + v);
    }
  }

  static String python(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("python3");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("python3 " + String.join(" ", args) + " failed: " + out);
    }
    return out.trim();
  }

  private static byte[] concat(ByteBuffer a, ByteBuffer b) {
    byte[] out = new byte[a.remaining() + b.remaining()];
    a.get(out, 0, a.remaining());
    b.get(out, out.length - b.remaining(), b.remaining());
    return out;
  }
}
