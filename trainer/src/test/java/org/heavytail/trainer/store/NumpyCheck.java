package org.heavytail.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: numpy.load reads every record of a store, bit-identical to the Java reader. */
public final class NumpyCheck {

  private static final String SCRIPT = String.join("\n",
      "import csv, sys, numpy as np",
      "d, out = sys.argv[1], []",
      "for r in csv.DictReader(open(d + '/manifest.csv')):",
      "    if r['dropped'] == '1': continue",
      "    a = np.load(d + '/' + r['file'], mmap_mode='r')",
      "    assert a.ndim == 2 and a.shape[1] == int(r['width']), (r, a.shape)",
      "    o, n = int(r['offset']), int(r['rows'])",
      "    out.append(np.asarray(a[o:o + n], dtype=np.float64).ravel())",
      "np.concatenate(out).tofile(sys.argv[2])",
      "print('ok', len(out))");

  private NumpyCheck() {}

  /** Runs numpy over {@code store}'s manifest and compares every value with the Java reader. */
  public static void assertNumpyReadsStore(Path store, Path scratch) throws Exception {
    NumpyInteropTest.requireNumpy();
    Path script = scratch.resolve("numpy_check.py");
    Files.writeString(script, SCRIPT);
    Path out = scratch.resolve("numpy_values.f64");
    String res = NumpyInteropTest.python(script.toString(), store.toString(), out.toString());
    SnapshotStore s = SnapshotStore.open(store);
    long records = s.entries().stream().filter(e -> !e.dropped()).count();
    assertTrue(res.equals("ok " + records), res);
    ByteBuffer f64 = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    for (ManifestEntry e : s.entries()) {
      if (!e.dropped()) {
        for (float v : s.read(e)) {
          assertEquals(v, (float) f64.getDouble());
        }
      }
    }
    assertEquals(0, f64.remaining());
  }
}
