package org.heavytail.trainer.store;

import static org.heavytail.trainer.store.StoreFixtures.expected;
import static org.heavytail.trainer.store.StoreFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SnapshotStoreTest {

  @TempDir Path tmp;

  /** Write 40 steps of two layers and three kinds over many small chunks; read back exactly. */
  @ParameterizedTest
  @EnumSource(StorageType.class)
  void roundTrip(StorageType type) throws IOException {
    Path dir = tmp.resolve("store");
    try (SnapshotWriter w = SnapshotWriter.builder(dir).optStorageType(type)
        .optChunkBytes(2000).build()) {
      w.declareLayer("fc1_weight", new long[] {10, 7}, null, null);
      w.declareLayer("fc1_bias", new long[] {10}, new long[] {1, 4, 8}, 7L);
      for (long s = 0; s < 40; s++) {
        assertTrue(w.submit(record(s, "fc1_weight", SnapshotKind.GRADIENT, 1, 70)));
        assertTrue(w.submit(record(s, "fc1_bias", SnapshotKind.GRADIENT, 1, 3)));
        assertTrue(w.submit(record(s, "fc1_weight", SnapshotKind.NOISE, 4, 70)));
      }
      w.flush();
      assertEquals(120, w.stats().written());
    }
    SnapshotStore store = SnapshotStore.open(dir);
    assertTrue(store.incompleteChunks().isEmpty());
    assertTrue(store.lostEntries().isEmpty());
    assertEquals(type, store.storageType());
    assertArrayEquals(new long[] {1, 4, 8}, store.coordinates("fc1_bias"));
    assertNull(store.coordinates("fc1_weight"));
    assertEquals(3, store.layers().get("fc1_bias").coordinates());

    List<ManifestEntry> grads = store.records("fc1_weight", SnapshotKind.GRADIENT);
    assertEquals(40, grads.size());
    assertTrue(grads.stream().map(ManifestEntry::file).distinct().count() > 2, "several chunks");
    for (ManifestEntry e : grads) {
      assertArrayEquals(expected(e.step(), "fc1_weight", SnapshotKind.GRADIENT, 1, 70, type),
          store.read(e), 0f, "step " + e.step());
    }
    // streaming: the FloatBuffer visitor sees the same values, step order
    List<Long> steps = new ArrayList<>();
    store.forEachRecord("fc1_weight", SnapshotKind.NOISE, (e, buf) -> {
      steps.add(e.step());
      assertEquals(280, buf.remaining());
      float[] got = new float[280];
      buf.get(got);
      assertArrayEquals(expected(e.step(), "fc1_weight", SnapshotKind.NOISE, 4, 70, type), got,
          0f);
    });
    assertEquals(Stream.iterate(0L, x -> x + 1).limit(40).collect(Collectors.toList()), steps);
    Iterator<float[]> rows = store.rows("fc1_bias", SnapshotKind.GRADIENT);
    int n = 0;
    while (rows.hasNext()) {
      assertArrayEquals(expected(n, "fc1_bias", SnapshotKind.GRADIENT, 1, 3, type), rows.next(),
          0f);
      n++;
    }
    assertEquals(40, n);
  }

  @Test
  void manifestLoadsAsTablesawTable() throws IOException {
    Path dir = tmp.resolve("store");
    try (SnapshotWriter w = SnapshotWriter.builder(dir).build()) {
      for (long s = 0; s < 5; s++) {
        w.submit(record(s, "w", SnapshotKind.WEIGHT, 1, 6));
        w.submit(record(s, "w", SnapshotKind.UPDATE, 1, 6));
      }
    }
    Table t = SnapshotStore.open(dir).manifest();
    assertEquals(10, t.rowCount());
    assertEquals(List.of("segment", "step", "epoch", "layer", "kind", "rows", "width", "dtype",
        "file", "offset", "dropped"), t.columnNames());
    assertEquals(5, t.where(t.stringColumn("kind").isEqualTo("updates")).rowCount());
    assertEquals(4L, t.longColumn("step").max(), 0);
    // Tablesaw's one-call default reader agrees
    Table plain = Table.read().csv(dir.resolve("manifest.csv").toString());
    assertEquals(10, plain.rowCount());
    assertEquals(11, plain.columnCount());
  }

  @Test
  void existingStoreWithoutResumeIsAnError() throws IOException {
    Path dir = tmp.resolve("store");
    SnapshotWriter.builder(dir).build().close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SnapshotWriter.builder(dir).build());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void widthChangeAndBadLayerNamesAreRejected() throws IOException {
    try (SnapshotWriter w = SnapshotWriter.builder(tmp.resolve("s")).build()) {
      w.submit(record(0, "a", SnapshotKind.GRADIENT, 1, 4));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> w.submit(record(1, "a", SnapshotKind.GRADIENT, 1, 5)));
      assertTrue(e.getMessage().contains("width 5"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> w.submit(record(1, "../x", SnapshotKind.GRADIENT, 1, 4)));
      assertThrows(IllegalArgumentException.class,
          () -> w.declareLayer("b", new long[] {4}, new long[] {2, 1}, 1L));
    }
  }

  @Test
  void notAStoreNamesTheFile() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    IOException e = assertThrows(IOException.class,
        () -> SnapshotStore.open(tmp.resolve("empty")));
    assertTrue(e.getMessage().contains("store.json"), e.getMessage());
  }
}
