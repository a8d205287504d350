package org.heavytail.trainer.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;

/**
 * Recomputes the minibatch gradient g_B(θ_k) of step k of an MNIST run from its checkpoint at
 * step k (θ_k) and the minibatch recorded in {@code snapshots/batches.csv}, independently of the
 * loop: the data are reloaded, standardized with the run's recorded mean and std, the network is
 * rebuilt from the recorded spec and given the checkpoint's weights.
 *
 * <p>As a main: {@code CheckpointGradient RUN_DIR STEP} prints, per layer, the largest |stored −
 * recomputed| of the gradient snapshot of step STEP.
 */
final class CheckpointGradient {

  private CheckpointGradient() {}

  static Map<String, float[]> recompute(Path run, long step) throws Exception {
    Checkpoint ck = Checkpoint.read(run.resolve("checkpoints").resolve(Checkpoint.fileName(step)));
    JsonNode cfg = new ObjectMapper().readTree(run.resolve("config.json").toFile());
    JsonNode resolved = cfg.get("resolved");
    int[] batch = batchOf(run.resolve("snapshots/batches.csv"), step);
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.defaults());
    int subset = cfg.get("config").path("subset").asInt(0);
    if (subset > 0) {
      train = train.head(subset);
    }
    float mu = (float) resolved.get("featureMean").asDouble();
    float inv = (float) (1 / resolved.get("featureStd").asDouble());
    float[] f = new float[train.features().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (train.features()[i] - mu) * inv; // the loop's standardization, same float ops
    }
    ArrayData std = new ArrayData(f, train.labels(), train.targets(), train.exampleShape(),
        train.numClasses());
    try (Network net = Network.create(ModelSpec.parse(resolved.get("model").asText()),
            std.exampleShape(), std.numClasses(), cfg.get("config").get("seed").asLong(),
            Device.cpu());
        TrainingData data = TrainingData.of(std, null, net.inputShape(), Device.cpu())) {
      net.setWeights(ck.weights());
      return new ExampleGradientOracle(net, LossKind.fromName(resolved.get("loss").asText()),
          data).gradient(batch);
    }
  }

  static int[] batchOf(Path batchesCsv, long step) throws Exception {
    String found = null;
    for (String line : Files.readAllLines(batchesCsv)) {
      if (line.startsWith(step + ",")) {
        found = line; // the last one wins (a resumed run may repeat a step)
      }
    }
    if (found == null) {
      throw new AssertionError("step " + step + " not in " + batchesCsv);
    }
    return Arrays.stream(found.split(",")[2].split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  /** Largest |stored − recomputed| per layer. */
  static Map<String, Double> maxDiff(Path run, long step) throws Exception {
    Map<String, float[]> g = recompute(run, step);
    SnapshotStore store = SnapshotStore.open(run.resolve("snapshots"));
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String layer : g.keySet()) {
      ManifestEntry e = store.records(layer, SnapshotKind.GRADIENT).stream()
          .filter(x -> x.step() == step).findFirst().orElseThrow();
      float[] stored = store.read(e);
      float[] expect = g.get(layer);
      double d = 0;
      for (int i = 0; i < expect.length; i++) {
        d = Math.max(d, Math.abs(stored[i] - expect[i]));
      }
      out.put(layer, d);
    }
    return out;
  }

  /** Args: run dir, step. */
  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    long step = Long.parseLong(args[1]);
    for (Map.Entry<String, Double> e : maxDiff(run, step).entrySet()) {
      System.out.printf(Locale.ROOT, "%-16s max |stored - recomputed| = %.3g%n", e.getKey(),
          e.getValue());
    }
  }
}
