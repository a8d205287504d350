package org.heavytail.trainer.hook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.ManifestEntry;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The hooks against exact gradients of a least-squares model (see {@link FakeModel}). */
class HooksTest {

  private static NDManager manager;

  @TempDir Path tmp;

  @BeforeAll
  static void engine() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Runs {@code steps} SGD steps on consecutive minibatches of 20, lending each to the hooks. */
  private List<FakeModel.Step> run(FakeModel m, List<TrainingListener> hooks, int steps) {
    RunInfo info = new RunInfo(tmp, 0, steps, FakeModel.N / 20);
    hooks.forEach(h -> h.onTrainingBegin(info));
    List<FakeModel.Step> out = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      int[] idx = new int[20];
      for (int i = 0; i < 20; i++) {
        idx[i] = (s * 20 + i * 7) % FakeModel.N;
      }
      try (NDManager sub = manager.newSubManager()) {
        FakeModel.Step st = m.step(sub, idx);
        hooks.forEach(h -> h.onStep(st));
        out.add(st);
      }
    }
    hooks.forEach(h -> h.onTrainingEnd(info));
    return out;
  }

  @Test
  void tensorSnapshotsHoldWhatTheStepLent() throws IOException {
    FakeModel m = new FakeModel();
    SnapshotConfig cfg = SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.GRADS, SnapshotConfig.What.WEIGHTS,
            SnapshotConfig.What.UPDATES))
        .optEvery(2).optCoordinates(5).optSeed(11).build();
    List<FakeModel.Step> steps = run(m, SnapshotHooks.listeners(cfg), 10);
    SnapshotStore store = SnapshotStore.open(tmp.resolve("snapshots"));
    long[] wIdx = store.coordinates("w");
    assertEquals(5, wIdx.length, "w keeps 5 of 12 coordinates");
    assertArrayEquals(CoordinateSubset.draw("w", 12, 5, 11), wIdx);
    assertNull(store.coordinates("b"), "b has 4 <= 5 coordinates: all kept");
    for (SnapshotKind kind : List.of(SnapshotKind.GRADIENT, SnapshotKind.WEIGHT,
        SnapshotKind.UPDATE)) {
      List<ManifestEntry> w = store.records("w", kind);
      assertEquals(List.of(0L, 2L, 4L, 6L, 8L), w.stream().map(ManifestEntry::step).toList());
      for (ManifestEntry e : w) {
        FakeModel.Step st = steps.get((int) e.step());
        Map<String, float[]> src = kind == SnapshotKind.GRADIENT ? st.g
            : kind == SnapshotKind.WEIGHT ? st.weights : st.updates;
        float[] expect = new float[5];
        for (int i = 0; i < 5; i++) {
          expect[i] = src.get("w")[(int) wIdx[i]];
        }
        assertArrayEquals(expect, store.read(e), 0f, kind + " step " + e.step());
        assertArrayEquals(src.get("b"), store.read(store.records("b", kind).get(
            (int) e.step() / 2)), 0f);
      }
    }
    List<String> batches = Files.readAllLines(tmp.resolve("snapshots/batches.csv"));
    assertEquals("step,epoch,indices", batches.get(0));
    assertEquals(6, batches.size());
    assertTrue(batches.get(2).startsWith("2,0,40 47 54"), batches.get(2));
    String hooks = Files.readString(tmp.resolve("snapshots/hooks.json"));
    assertTrue(hooks.contains("\"grads\"") && hooks.contains("\"every\" : 2"), hooks);
  }

  @Test
  void noiseProbeRecordsExactNoiseOfDisjointMinibatches() throws IOException {
    FakeModel m = new FakeModel();
    SnapshotConfig cfg = SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.NOISE, SnapshotConfig.What.WEIGHTS))
        .optNoiseEvery(5).optNoiseBatches(10).build();
    run(m, SnapshotHooks.listeners(cfg), 10);
    // two probes (after 5 and 10 updates): reference over all 400 in one chunk, then 10 batches
    assertEquals(22, m.oracleCalls.size());
    int[] all = m.oracleCalls.get(0);
    assertEquals(FakeModel.N, all.length);
    Set<Integer> seen = new HashSet<>();
    for (int i = 1; i <= 10; i++) {
      int[] b = m.oracleCalls.get(i);
      assertEquals(20, b.length, "probe minibatches have the training batch size");
      for (int x : b) {
        assertTrue(seen.add(x), "minibatches are disjoint");
      }
    }
    SnapshotStore store = SnapshotStore.open(tmp.resolve("snapshots"));
    List<ManifestEntry> noise = store.records("w", SnapshotKind.NOISE);
    assertEquals(20, noise.size());
    assertEquals(4, noise.get(0).step(), "probe after 5 updates carries step 4");
    // exact reference: the weights stored for step 4 are the frozen theta
    float[] w4 = store.read(store.records("w", SnapshotKind.WEIGHT).get(4));
    float[] b4 = store.read(store.records("b", SnapshotKind.WEIGHT).get(4));
    int[] everything = new int[FakeModel.N];
    Arrays.setAll(everything, i -> i);
    Map<String, float[]> g = m.gradient(everything, w4, b4);
    assertArrayEquals(g.get("w"), store.read(store.records("w", SnapshotKind.FULL_GRADIENT)
        .get(0)), 1e-6f);
    double sq = 0;
    for (int i = 0; i < 10; i++) {
      Map<String, float[]> gb = m.gradient(m.oracleCalls.get(1 + i), w4, b4);
      float[] u = store.read(noise.get(i));
      for (int k = 0; k < 12; k++) {
        assertEquals(gb.get("w")[k] - g.get("w")[k], u[k], 1e-6, "U_" + i + "[" + k + "]");
        sq += (double) u[k] * u[k];
      }
    }
    Table t = Table.read().csv(tmp.resolve("noise.csv").toString());
    assertEquals(4, t.rowCount());
    assertEquals(sq / 10, t.numberColumn("noise_sq_mean").getDouble(0), 1e-9 * sq);
    assertEquals("full", t.stringColumn("reference").get(0));
  }

  @Test
  void probeMeanAndRunningVariants() throws IOException {
    FakeModel m = new FakeModel();
    SnapshotConfig cfg = SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.NOISE, SnapshotConfig.What.NOISE_RUNNING,
            SnapshotConfig.What.GRADS))
        .optNoiseEvery(4).optNoiseBatches(8).optNoiseReference(NoiseReference.probeMean())
        .build();
    List<FakeModel.Step> steps = run(m, SnapshotHooks.listeners(cfg), 6);
    assertEquals(8, m.oracleCalls.size(), "probe-mean needs no extra reference gradient");
    SnapshotStore store = SnapshotStore.open(tmp.resolve("snapshots"));
    List<ManifestEntry> noise = store.records("b", SnapshotKind.NOISE);
    assertEquals(8, noise.size());
    double[] sum = new double[4];
    for (ManifestEntry e : noise) {
      float[] u = store.read(e);
      for (int k = 0; k < 4; k++) {
        sum[k] += u[k];
      }
    }
    for (double s : sum) {
      assertEquals(0, s, 1e-5, "rows minus their mean sum to zero");
    }
    // running: U_k = g_k - m_{k-1}, m_0 = g_0, m_k = 0.9 m_{k-1} + 0.1 g_k
    float[] mean = steps.get(0).g.get("b").clone();
    List<ManifestEntry> run = store.records("b", SnapshotKind.NOISE_RUNNING);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), run.stream().map(ManifestEntry::step).toList());
    for (int s = 1; s < 6; s++) {
      float[] g = steps.get(s).g.get("b");
      float[] u = store.read(run.get(s - 1));
      for (int k = 0; k < 4; k++) {
        assertEquals(g[k] - mean[k], u[k], 1e-6);
        mean[k] = 0.9f * mean[k] + 0.1f * g[k];
      }
    }
  }

  @Test
  void onlineStatsMatchTheirFormulas() throws IOException {
    FakeModel m = new FakeModel();
    TailIndexTracker counter = new SummingTracker("count", v -> 1);
    SnapshotConfig cfg = SnapshotConfig.builder().setWhat(EnumSet.of(SnapshotConfig.What.STATS))
        .optTrackers(List.of(counter)).optTrackerEvery(2).build();
    List<FakeModel.Step> steps = run(m, SnapshotHooks.listeners(cfg), 5);
    Table t = Table.read().csv(tmp.resolve("stats.csv").toString());
    assertEquals(15, t.rowCount(), "w, b and _all per step");
    double[] mean = null;
    double[] prev = null;
    for (int s = 0; s < 5; s++) {
      FakeModel.Step st = steps.get(s);
      float[] g = st.g.get("w");
      Table row = t.where(t.intColumn("step").isEqualTo(s).and(t.stringColumn("layer")
          .isEqualTo("w")));
      assertEquals(norm(g), row.numberColumn("grad_norm").getDouble(0), 1e-6);
      assertEquals(norm(st.weights.get("w")), row.numberColumn("weight_norm").getDouble(0), 1e-6);
      if (s == 0) {
        assertTrue(row.numberColumn("update_norm").isMissing(0), "no theta_0 kept yet");
      } else {
        assertEquals(norm(st.updates.get("w")), row.numberColumn("update_norm").getDouble(0),
            1e-6);
      }
      if (prev == null) {
        assertTrue(row.numberColumn("grad_cos").isMissing(0));
        assertTrue(row.numberColumn("noise_norm").isMissing(0));
        mean = new double[12];
        for (int k = 0; k < 12; k++) {
          mean[k] = g[k];
        }
      } else {
        double dot = 0;
        double dd = 0;
        for (int k = 0; k < 12; k++) {
          dot += g[k] * prev[k];
          dd += (g[k] - mean[k]) * (g[k] - mean[k]);
          mean[k] = 0.9 * mean[k] + 0.1 * g[k];
        }
        assertEquals(dot / (norm(g) * norm(prev)), row.numberColumn("grad_cos").getDouble(0), 1e-6);
        assertEquals(Math.sqrt(dd), row.numberColumn("noise_norm").getDouble(0), 1e-5);
        assertEquals(0.95 * dd / 12, row.numberColumn("noise_var").getDouble(0), 1e-5);
      }
      if (s % 2 == 0 && s > 0) {
        assertEquals(12, row.numberColumn("alpha_count").getDouble(0), 0, "tracker saw the layer");
      } else {
        assertTrue(row.numberColumn("alpha_count").isMissing(0));
      }
      prev = new double[12];
      for (int k = 0; k < 12; k++) {
        prev[k] = g[k];
      }
      Table all = t.where(t.intColumn("step").isEqualTo(s).and(t.stringColumn("layer")
          .isEqualTo("_all")));
      double both = Math.hypot(norm(g), norm(st.g.get("b")));
      assertEquals(both, all.numberColumn("grad_norm").getDouble(0), 1e-6);
    }
  }

  @Test
  void budgetStopsSnapshotsButNotTraining() throws IOException {
    FakeModel m = new FakeModel();
    SnapshotConfig cfg = SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.GRADS)).optBudgetBytes(10 * 64).build();
    run(m, SnapshotHooks.listeners(cfg), 30); // 64 bytes of values per step
    assertEquals(30, m.step, "all 30 steps ran");
    SnapshotStore store = SnapshotStore.open(tmp.resolve("snapshots"));
    assertEquals(10, store.records("w", SnapshotKind.GRADIENT).size());
    assertTrue(store.metadata().segments().get(0).stopReason().contains("budget"));
    assertTrue(Files.readString(tmp.resolve("snapshots/hooks.json")).contains("budget"));
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
