package org.heavytail.trainer.store;

import static org.heavytail.trainer.store.StoreFixtures.expected;
import static org.heavytail.trainer.store.StoreFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL mid-chunk, a chunk truncated mid-row, and resume appending to the same store. */
@Timeout(120)
class CrashResumeTest {

  @TempDir Path tmp;

  @Test
  void sigkillMidChunkKeepsEverythingBeforeAndResumeAppends() throws Exception {
    Path dir = tmp.resolve("store");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashingWriterMain.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      Path manifest = dir.resolve("manifest.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && (!Files.exists(manifest) || Files.size(manifest) < 200_000)) {
        assertTrue(p.isAlive(), () -> "child died: " + read(tmp.resolve("child.log")));
        Thread.sleep(20);
      }
    } finally {
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL (128 + 9)");

    SnapshotStore store = SnapshotStore.open(dir);
    assertFalse(store.incompleteChunks().isEmpty(), "the open chunks are reported incomplete");
    for (IncompleteChunk c : store.incompleteChunks()) {
      assertTrue(c.file().endsWith(".npy.part"), c.file());
      assertTrue(c.rowsOnDisk() >= c.rowsListed(), c.toString());
    }
    assertTrue(store.lostEntries().isEmpty(), "rows are written before their manifest line");
    List<ManifestEntry> a = store.records("a", SnapshotKind.GRADIENT);
    List<ManifestEntry> b = store.records("b", SnapshotKind.NOISE);
    assertTrue(a.size() > 500, "kept " + a.size());
    checkContiguous(store, "a", SnapshotKind.GRADIENT, 1, 100);
    checkContiguous(store, "b", SnapshotKind.NOISE, 3, 50);

    // resume after the last step of series a (b may lag by one step: it is re-written)
    long resumeAt = a.get(a.size() - 1).step() + 1;
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optResume(resumeAt).build()) {
      assertEquals(1, w.segment());
      assertFalse(w.repairs().isEmpty());
      for (long s = resumeAt; s < resumeAt + 20; s++) {
        assertTrue(w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, 100)));
        assertTrue(w.submit(record(s, "b", SnapshotKind.NOISE, 3, 50)));
      }
    }
    SnapshotStore after = SnapshotStore.open(dir);
    assertTrue(after.incompleteChunks().isEmpty(), after.incompleteChunks().toString());
    assertTrue(after.lostEntries().isEmpty());
    List<ManifestEntry> a2 = after.records("a", SnapshotKind.GRADIENT);
    assertEquals(resumeAt + 20, a2.size());
    checkContiguous(after, "a", SnapshotKind.GRADIENT, 1, 100);
    List<ManifestEntry> b2 = after.records("b", SnapshotKind.NOISE);
    assertEquals(resumeAt + 20, b2.size());
    checkContiguous(after, "b", SnapshotKind.NOISE, 3, 50);
    assertEquals(1, a2.get(a2.size() - 1).segment());
  }

  /** A chunk cut mid-row (as a crash mid-write leaves it): earlier rows stay, later are lost. */
  @Test
  void truncatedChunkIsReportedAndItsPrefixKept() throws IOException {
    Path dir = tmp.resolve("store");
    try (SnapshotWriter w = SnapshotWriter.builder(dir).build()) {
      for (long s = 0; s < 30; s++) {
        w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, 100));
      }
    }
    Path done = dir.resolve("grads/a/chunk-000000.npy");
    Path part = dir.resolve("grads/a/chunk-000000.npy.part");
    Files.move(done, part);
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
      ch.truncate(128 + 12 * 400 + 123); // 12 full rows and a torn 13th
    }
    SnapshotStore store = SnapshotStore.open(dir);
    assertEquals(1, store.incompleteChunks().size());
    IncompleteChunk c = store.incompleteChunks().get(0);
    assertEquals(12, c.rowsOnDisk());
    assertEquals(30, c.rowsListed());
    assertEquals(123, c.trailingBytes());
    assertEquals(18, store.lostEntries().size());
    List<ManifestEntry> a = store.records("a", SnapshotKind.GRADIENT);
    assertEquals(12, a.size());
    checkContiguous(store, "a", SnapshotKind.GRADIENT, 1, 100);

    // resume finalizes the chunk to its 12 rows and continues at step 12
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optResume(12).build()) {
      for (long s = 12; s < 20; s++) {
        w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, 100));
      }
    }
    SnapshotStore after = SnapshotStore.open(dir);
    assertTrue(after.incompleteChunks().isEmpty());
    List<ManifestEntry> a2 = after.records("a", SnapshotKind.GRADIENT);
    assertEquals(20, a2.size());
    checkContiguous(after, "a", SnapshotKind.GRADIENT, 1, 100);
  }

  /** Resume at step 6 of a closed store of steps 0..9: steps 6..9 come from the new segment. */
  @Test
  void resumeSupersedesRecomputedSteps() throws IOException {
    Path dir = tmp.resolve("store");
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optStorageType(StorageType.FLOAT16)
        .build()) {
      w.declareLayer("a", new long[] {100}, null, null);
      for (long s = 0; s < 10; s++) {
        w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, 100));
      }
    }
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optResume(6).build()) {
      assertEquals(StorageType.FLOAT16, w.storageType(), "the store keeps its storage type");
      w.declareLayer("a", new long[] {100}, null, null);
      for (long s = 6; s < 15; s++) {
        float[] d = record(s + 1000, "a", SnapshotKind.GRADIENT, 1, 100).data();
        w.submit(new SnapshotRecord(s, 0, "a", SnapshotKind.GRADIENT, 1, 100, d));
      }
    }
    SnapshotStore store = SnapshotStore.open(dir);
    assertEquals(19, store.entries().size(), "the manifest keeps superseded lines");
    List<ManifestEntry> a = store.records("a", SnapshotKind.GRADIENT);
    assertEquals(15, a.size());
    for (int i = 0; i < 15; i++) {
      ManifestEntry e = a.get(i);
      assertEquals(i, e.step());
      assertEquals(i < 6 ? 0 : 1, e.segment());
      long src = i < 6 ? i : i + 1000;
      assertArrayEquals(expected(src, "a", SnapshotKind.GRADIENT, 1, 100, StorageType.FLOAT16),
          store.read(e), 0f);
    }
    assertEquals(2, store.metadata().segments().size());
    assertEquals(6, store.metadata().segments().get(1).startStep());
  }

  /** Steps 0..n-1 in order, and every record's values exactly the fixture's. */
  private static void checkContiguous(SnapshotStore store, String layer, SnapshotKind kind,
      int rows, int width) throws IOException {
    long[] next = {0};
    store.forEachRecord(layer, kind, (e, buf) -> {
      assertEquals(next[0]++, e.step(), "contiguous steps");
      float[] got = new float[rows * width];
      buf.get(got);
      assertArrayEquals(expected(e.step(), layer, kind, rows, width, StorageType.FLOAT32), got,
          0f, "step " + e.step());
    });
    assertEquals(store.records(layer, kind).size(), next[0]);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
