package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heavytail.trainer.loop.Checkpoint;
import org.heavytail.trainer.store.ManifestEntry;
import org.heavytail.trainer.store.NumpyCheck;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The "done when": {@code heavytail train --snapshot grads,noise,weights --every 1} on the
 * MNIST MLP writes a store that numpy.load reads, whose manifest is a Tablesaw table, and whose
 * gradient at a step equals (to 1e-6) the gradient recomputed from the checkpoint at that step on
 * the minibatch recorded in batches.csv. Small here (30 steps, 3000 examples) to stay fast; the
 * 200-step run on all of MNIST is in benchmarks/snapshots.md. Needs ../shared/data/mnist.
 */
class TrainSnapshotsEndToEndTest {

  @TempDir Path tmp;

  @BeforeAll
  static void threads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }

  @Test
  void gradientInStoreEqualsGradientRecomputedFromCheckpoint() throws Exception {
    Path run = tmp.resolve("run");
    int rc = HeavytailCommand.commandLine().execute("train", "--snapshot", "grads,noise,weights",
        "--every", "1", "--steps", "30", "--subset", "3000", "--checkpoint-every", "15",
        "--noise-every", "15", "--noise-batches", "10", "--no-test", "--no-progress",
        "--device", "cpu", "--out", run.toString());
    assertEquals(0, rc);
    SnapshotStore store = SnapshotStore.open(run.resolve("snapshots"));
    assertTrue(store.incompleteChunks().isEmpty());
    Table manifest = store.manifest();
    // 30 steps x 6 parameters x (grads + weights) + 2 probes x 6 x (10 noise + 1 fullgrad)
    assertEquals(30 * 6 * 2 + 2 * 6 * 11, manifest.rowCount());
    assertEquals(List.of("segment", "step", "epoch", "layer", "kind", "rows", "width", "dtype",
        "file", "offset", "dropped"), manifest.columnNames());

    // numpy.load reads the chunks and agrees with the Java reader
    NumpyCheck.assertNumpyReadsStore(run.resolve("snapshots"), tmp);

    // recompute g_B(theta_15) from the checkpoint at step 15 and the recorded minibatch
    Map<String, Double> diff = CheckpointGradient.maxDiff(run, 15);
    assertEquals(store.layers().keySet(), diff.keySet());
    for (Map.Entry<String, Double> d : diff.entrySet()) {
      assertTrue(d.getValue() <= 1e-6, d.getKey() + ": max |stored - recomputed| = "
          + d.getValue());
    }
    // and the weights stored for step 14 are theta_15, the checkpoint's weights, exactly
    Checkpoint ck = Checkpoint.read(run.resolve("checkpoints").resolve(Checkpoint.fileName(15)));
    for (String layer : store.layers().keySet()) {
      ManifestEntry w = store.records(layer, SnapshotKind.WEIGHT).get(14);
      assertEquals(14, w.step());
      assertArrayEquals(ck.weights().get(layer), store.read(w), 0f, layer);
    }
    // the run directory records what was taken
    String hooks = Files.readString(run.resolve("snapshots/hooks.json"));
    assertTrue(hooks.contains("\"reference\" : \"full\"") && hooks.contains("\"grads\""), hooks);
    assertEquals(12, Table.read().csv(run.resolve("noise.csv").toString()).rowCount());
  }

}
