package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.loop.Checkpoint;
import org.heavytail.trainer.loop.ExampleGradientOracle;
import org.heavytail.trainer.loop.TrainingData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
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
 * the minibatch recorded in batches.csv. Small here (40 steps, 6000 examples) to stay fast; the
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
        "--every", "1", "--steps", "40", "--subset", "6000", "--checkpoint-every", "20",
        "--noise-every", "20", "--noise-batches", "10", "--no-test", "--no-progress",
        "--device", "cpu", "--out", run.toString());
    assertEquals(0, rc);
    SnapshotStore store = SnapshotStore.open(run.resolve("snapshots"));
    assertTrue(store.incompleteChunks().isEmpty());
    Table manifest = store.manifest();
    // 40 steps x 6 parameters x (grads + weights) + 2 probes x 6 x (10 noise + 1 fullgrad)
    assertEquals(40 * 6 * 2 + 2 * 6 * 11, manifest.rowCount());
    assertEquals(List.of("segment", "step", "epoch", "layer", "kind", "rows", "width", "dtype",
        "file", "offset", "dropped"), manifest.columnNames());

    // numpy.load reads the chunks and agrees with the Java reader
    NumpyCheck.assertNumpyReadsStore(run.resolve("snapshots"), tmp);

    // recompute g_B(theta_20) from the checkpoint at step 20
    Checkpoint ck = Checkpoint.read(run.resolve("checkpoints").resolve(Checkpoint.fileName(20)));
    JsonNode cfg = new ObjectMapper().readTree(run.resolve("config.json").toFile());
    JsonNode resolved = cfg.get("resolved");
    int[] batch = batchOf(run.resolve("snapshots/batches.csv"), 20);
    assertEquals(128, batch.length);
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.defaults())
        .head(6000);
    float mu = (float) resolved.get("featureMean").asDouble();
    float inv = (float) (1 / resolved.get("featureStd").asDouble());
    float[] f = new float[train.features().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (train.features()[i] - mu) * inv; // the loop's standardization, same float ops
    }
    ArrayData std = new ArrayData(f, train.labels(), train.targets(), train.exampleShape(),
        train.numClasses());
    Map<String, float[]> g;
    try (Network net = Network.create(ModelSpec.parse(resolved.get("model").asText()),
            std.exampleShape(), std.numClasses(), cfg.get("config").get("seed").asLong(),
            Device.cpu());
        TrainingData data = TrainingData.of(std, null, net.inputShape(), Device.cpu())) {
      net.setWeights(ck.weights());
      g = new ExampleGradientOracle(net, LossKind.fromName(resolved.get("loss").asText()), data)
          .gradient(batch);
    }
    assertEquals(g.keySet(), store.layers().keySet());
    for (String layer : g.keySet()) {
      ManifestEntry e = store.records(layer, SnapshotKind.GRADIENT).get(20);
      assertEquals(20, e.step());
      float[] stored = store.read(e);
      float[] expect = g.get(layer);
      double maxDiff = 0;
      for (int i = 0; i < expect.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(stored[i] - expect[i]));
      }
      assertTrue(maxDiff <= 1e-6, layer + ": max |stored - recomputed| = " + maxDiff);
      // and the weights stored for step 19 are theta_20, the checkpoint's weights, exactly
      assertArrayEquals(ck.weights().get(layer),
          store.read(store.records(layer, SnapshotKind.WEIGHT).get(19)), 0f, layer);
    }
    // the run directory records what was taken
    String hooks = Files.readString(run.resolve("snapshots/hooks.json"));
    assertTrue(hooks.contains("\"reference\" : \"full\"") && hooks.contains("\"grads\""), hooks);
    assertEquals(12, Table.read().csv(run.resolve("noise.csv").toString()).rowCount());
  }

  static int[] batchOf(Path batchesCsv, long step) throws Exception {
    for (String line : Files.readAllLines(batchesCsv)) {
      if (line.startsWith(step + ",")) {
        String[] p = line.split(",");
        return Arrays.stream(p[2].split(" ")).mapToInt(Integer::parseInt).toArray();
      }
    }
    throw new AssertionError("step " + step + " not in " + batchesCsv);
  }
}
