package org.heavytail.trainer.store;

import static org.heavytail.trainer.store.StoreFixtures.expected;
import static org.heavytail.trainer.store.StoreFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Budget, full queue (block and drop) and full disk. */
@Timeout(60)
class WriterLimitsTest {

  private static final int WIDTH = 100; // 400 bytes per float32 record

  @TempDir Path tmp;

  @Test
  void budgetStopsSnapshotsAndKeepsAContiguousPrefix() throws IOException {
    Path dir = tmp.resolve("store");
    int accepted = 0;
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optBudgetBytes(10 * 400 + 399)
        .optChunkBytes(1500).build()) {
      for (long s = 0; s < 20; s++) {
        if (w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, WIDTH))) {
          accepted++;
        }
      }
      assertEquals(SnapshotWriter.State.BUDGET_REACHED, w.state());
      assertTrue(w.stopReason().contains("budget") && w.stopReason().contains("step 10"),
          w.stopReason());
      w.flush();
      assertEquals(10, w.stats().written());
      assertEquals(10, w.stats().droppedStopped());
    }
    assertEquals(10, accepted);
    SnapshotStore store = SnapshotStore.open(dir);
    List<ManifestEntry> recs = store.records("a", SnapshotKind.GRADIENT);
    assertEquals(10, recs.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(i, recs.get(i).step());
    }
    StoreSegment seg = store.metadata().segments().get(0);
    assertEquals(10, seg.droppedStopped());
    assertTrue(seg.stopReason().contains("budget"));
  }

  @Test
  void fullQueueBlocksTheSubmitterUntilTheWriterCatchesUp() throws Exception {
    Path dir = tmp.resolve("store");
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger returned = new AtomicInteger();
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optQueueBytes(4 * 400)
        .optOutput(TestChannels.gated(gate)).build()) {
      Thread trainer = new Thread(() -> {
        for (long s = 0; s < 10; s++) {
          assertTrue(w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, WIDTH)));
          returned.incrementAndGet();
        }
      });
      trainer.start();
      // the disk stalls: 4 records fit the queue (one of them in flight), the 5th submit blocks
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (trainer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(100);
      assertEquals(Thread.State.WAITING, trainer.getState());
      assertEquals(4, returned.get());
      gate.countDown();
      trainer.join(10_000);
      assertEquals(10, returned.get());
      w.flush();
      SnapshotWriter.Stats st = w.stats();
      assertEquals(10, st.written());
      assertEquals(0, st.droppedQueueFull());
      assertTrue(st.blockedSeconds() > 0.05, "blocked " + st.blockedSeconds());
    }
    SnapshotStore store = SnapshotStore.open(dir);
    assertEquals(10, store.records("a", SnapshotKind.GRADIENT).size());
    assertTrue(store.entries().stream().noneMatch(ManifestEntry::dropped));
  }

  @Test
  void dropModeNeverWaitsAndCountsDropsInTheManifest() throws Exception {
    Path dir = tmp.resolve("store");
    CountDownLatch gate = new CountDownLatch(1);
    int accepted = 0;
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optQueueBytes(4 * 400)
        .optOverflow(OverflowPolicy.DROP).optOutput(TestChannels.gated(gate)).build()) {
      long t0 = System.nanoTime();
      for (long s = 0; s < 10; s++) {
        if (w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, WIDTH))) {
          accepted++;
        }
      }
      assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "drop mode must not wait");
      gate.countDown();
      w.flush();
      assertEquals(6, w.stats().droppedQueueFull());
      assertEquals(0.0, w.stats().blockedSeconds());
    }
    assertEquals(4, accepted);
    SnapshotStore store = SnapshotStore.open(dir);
    assertEquals(6, store.entries().stream().filter(ManifestEntry::dropped).count());
    assertEquals(6, store.manifest().intColumn("dropped").sum(), 0);
    List<ManifestEntry> kept = store.records("a", SnapshotKind.GRADIENT);
    assertEquals(List.of(0L, 1L, 2L, 3L), kept.stream().map(ManifestEntry::step).toList());
    for (ManifestEntry e : kept) {
      assertArrayEquals(expected(e.step(), "a", SnapshotKind.GRADIENT, 1, WIDTH,
          StorageType.FLOAT32), store.read(e), 0f);
    }
    assertEquals(6, store.metadata().segments().get(0).droppedQueueFull());
  }

  /** ENOSPC on chunk data: snapshots stop, submit never throws, the store opens clean. */
  @Test
  void fullDiskStopsSnapshottingWithoutCorruption() throws IOException {
    Path dir = tmp.resolve("store");
    int refused = 0;
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optChunkBytes(3000)
        .optOutput(TestChannels.filling(20_000, p -> p.toString().endsWith(".part")))
        .build()) {
      for (long s = 0; s < 200; s++) {
        if (!w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, WIDTH))) {
          refused++;
        }
        if (!w.submit(record(s, "b", SnapshotKind.WEIGHT, 1, 30))) {
          refused++;
        }
        w.flush(); // deterministic: the failure is seen before the next step
      }
      assertEquals(SnapshotWriter.State.FAILED, w.state());
      assertTrue(w.stopReason().contains("No space left on device"), w.stopReason());
      assertTrue(w.stopReason().contains("training continues"), w.stopReason());
    }
    assertTrue(refused > 100, "refused " + refused);
    SnapshotStore store = SnapshotStore.open(dir);
    assertTrue(store.incompleteChunks().isEmpty(), store.incompleteChunks().toString());
    assertTrue(store.lostEntries().isEmpty());
    assertEquals(0, store.tornManifestBytes());
    List<ManifestEntry> a = store.records("a", SnapshotKind.GRADIENT);
    assertTrue(a.size() > 10 && a.size() < 60, "kept " + a.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(i, a.get(i).step());
      assertArrayEquals(expected(i, "a", SnapshotKind.GRADIENT, 1, WIDTH, StorageType.FLOAT32),
          store.read(a.get(i)), 0f);
    }
    assertTrue(store.metadata().segments().get(0).stopReason().contains("No space"));
  }

  /** ENOSPC on the manifest: a torn line at worst, ignored on open; listed records read back. */
  @Test
  void fullDiskOnTheManifestLeavesAReadableStore() throws IOException {
    Path dir = tmp.resolve("store");
    try (SnapshotWriter w = SnapshotWriter.builder(dir)
        .optOutput(TestChannels.filling(1000, p -> p.toString().endsWith("manifest.csv")))
        .build()) {
      for (long s = 0; s < 100; s++) {
        w.submit(record(s, "a", SnapshotKind.GRADIENT, 1, WIDTH));
        w.flush();
      }
      assertEquals(SnapshotWriter.State.FAILED, w.state());
    }
    SnapshotStore store = SnapshotStore.open(dir);
    assertTrue(store.tornManifestBytes() > 0, "the manifest write was torn mid-line");
    List<ManifestEntry> a = store.records("a", SnapshotKind.GRADIENT);
    assertFalse(a.isEmpty());
    for (ManifestEntry e : a) {
      assertArrayEquals(expected(e.step(), "a", SnapshotKind.GRADIENT, 1, WIDTH,
          StorageType.FLOAT32), store.read(e), 0f);
    }
    assertEquals(a.size(), store.manifest().rowCount());
  }
}
