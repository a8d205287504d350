package org.heavytail.trainer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.heavytail.trainer.hook.BlockSumTracker;
import org.heavytail.trainer.hook.LayerSelection;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.SnapshotHooks;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.TrainResult;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.loop.TrainingListener;
import tech.tablesaw.api.Table;

/**
 * Runs one prepared point directory: reads {@code point.json} (written by {@link #prepare}),
 * trains into {@code run/} (an unfinished {@code run/} from an interrupted attempt is deleted
 * first), and writes {@code status.json}; a failure writes status {@code failed} with the message
 * and {@code error.txt} with the stack trace. {@link #main} does the same in a child JVM.
 */
public final class PointRunner {

  /** The point's description, written before it runs. */
  public static final String POINT_FILE = "point.json";

  private PointRunner() {}

  /** Writes {@code point.json} (id, values, config, noise probe) into {@code pointDir}. */
  public static void prepare(Path pointDir, SweepPoint point, TrainConfig config,
      SweepGrid.NoiseProbe noise) throws IOException {
    Files.createDirectories(pointDir);
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode();
    n.put("id", point.id());
    ObjectNode v = n.putObject("values");
    point.values().forEach(v::put);
    n.set("config", config.toJson(m));
    if (noise != null) {
      n.putObject("noise").put("every", noise.every()).put("batches", noise.batches())
          .put("reference", noise.reference());
    }
    m.writerWithDefaultPrettyPrinter().writeValue(pointDir.resolve(POINT_FILE).toFile(), n);
  }

  /**
   * Trains the point in {@code pointDir} in this JVM and records its final status.
   *
   * @param attempt the attempt number to record
   * @return the recorded status
   */
  public static PointResult run(Path pointDir, int attempt) throws IOException {
    JsonNode n = new ObjectMapper().readTree(pointDir.resolve(POINT_FILE).toFile());
    Map<String, String> values = new LinkedHashMap<>();
    n.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    SweepPoint point = new SweepPoint(n.path("id").asText(), values);
    PointResult result;
    try {
      Path runDir = pointDir.resolve("run");
      deleteTree(runDir);
      Files.deleteIfExists(pointDir.resolve("error.txt"));
      TrainConfig config = TrainConfig.fromJson(n.get("config")).toBuilder().optOut(runDir).build();
      List<TrainingListener> listeners = new ArrayList<>();
      JsonNode nz = n.path("noise");
      if (nz.isObject()) {
        SnapshotConfig sc = SnapshotConfig.builder()
            .setWhat(java.util.EnumSet.of(SnapshotConfig.What.NOISE))
            .optLayers(new LayerSelection(List.of())).optSeed(config.seed() + 1)
            .optNoiseEvery(nz.path("every").asInt()).optNoiseBatches(nz.path("batches").asInt())
            .optNoiseReference(org.heavytail.trainer.hook.NoiseReference.parse(
                nz.path("reference").asText("full")))
            .optTrackers(List.of(BlockSumTracker.of(1_000_000, config.seed() + 1))).build();
        listeners.addAll(SnapshotHooks.listeners(sc));
      }
      TrainResult r = Training.run(config, listeners);
      double alpha = nz.isObject() ? noiseAlpha(runDir.resolve("noise.csv")) : Double.NaN;
      result = new PointResult(point.id(), values, PointResult.Status.DONE, attempt, r.steps(),
          r.finalTestLoss(), r.finalTestAccuracy(), r.stepsPerSecond(), r.seconds(), alpha, null);
    } catch (Exception | LinkageError e) {
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      Files.writeString(pointDir.resolve("error.txt"), sw.toString());
      String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
      result = PointResult.failed(point, attempt, msg);
    }
    result.write(pointDir);
    return result;
  }

  /**
   * Median over layers of the block-sum α̂ at the last probe step in {@code noise.csv} (NaN when
   * the file is missing or has no finite α̂).
   */
  static double noiseAlpha(Path noiseCsv) throws IOException {
    if (!Files.exists(noiseCsv)) {
      return Double.NaN;
    }
    Table t = Table.read().csv(noiseCsv.toFile());
    String col = t.columnNames().stream().filter(c -> c.startsWith("alpha_")).findFirst().orElse(null);
    if (col == null || t.rowCount() == 0) {
      return Double.NaN;
    }
    double last = t.numberColumn("step").max();
    double[] a = t.where(t.numberColumn("step").isEqualTo(last)).numberColumn(col).asDoubleArray();
    double[] f = Arrays.stream(a).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return Double.NaN;
    }
    return f.length % 2 == 1 ? f[f.length / 2] : 0.5 * (f[f.length / 2 - 1] + f[f.length / 2]);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Runs the prepared point in {@code dir} in a child JVM (see {@link #runInChildJvm(List, int,
   * String, Path)}), logging to {@code dir/child.log}.
   */
  public static PointResult runInChildJvm(Path dir, SweepPoint p, int attempt, int threads,
      String heap) throws IOException, InterruptedException {
    return runInChildJvm(List.of(new Sweep.Pending(dir, p, attempt)), threads, heap,
        dir.resolve("child.log")).get(0);
  }

  /**
   * Runs prepared points one after another in one child JVM on this JVM's class path ({@link
   * #main}: one JVM start, one libtorch load for all of them), with libtorch's intra-op threads
   * set to {@code threads} and output to {@code log}; a point left without a status when the
   * child exits (a native crash) is recorded as failed, naming the exit status and the log.
   *
   * @return the points' final statuses, in order
   */
  public static List<PointResult> runInChildJvm(List<Sweep.Pending> points, int threads,
      String heap, Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
    for (String k : System.getProperties().stringPropertyNames()) {
      if ((k.startsWith("ai.djl.") && !k.equals("ai.djl.pytorch.num_threads"))
          || k.startsWith("heavytail.") || k.startsWith("log4j")
          || k.equals("ENGINE_CACHE_DIR") || k.equals("DJL_CACHE_DIR")
          || k.equals("PYTORCH_LIBRARY_PATH")) {
        cmd.add("-D" + k + "=" + System.getProperty(k));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PointRunner.class.getName());
    for (Sweep.Pending p : points) {
      cmd.add(p.dir().toAbsolutePath().toString());
      cmd.add(Integer.toString(p.attempt()));
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int code;
    try {
      code = proc.waitFor();
    } catch (InterruptedException e) {
      proc.destroyForcibly();
      throw e;
    }
    List<PointResult> out = new ArrayList<>();
    for (Sweep.Pending p : points) {
      PointResult r = PointResult.read(p.dir());
      if (r == null) {
        r = PointResult.failed(p.point(), p.attempt(), String.format(java.util.Locale.ROOT,
            "child JVM exited with status %d before recording a status; see %s", code, log));
        r.write(p.dir());
      }
      out.add(r);
    }
    return out;
  }

  /**
   * Child-JVM entry: {@code PointRunner POINT_DIR ATTEMPT [POINT_DIR ATTEMPT ...]}, run in order.
   * Exits 0 when every status was written (done or failed), 1 otherwise.
   */
  public static void main(String[] args) {
    Training.configureThreads();
    try {
      for (int i = 0; i + 1 < args.length; i += 2) {
        run(Path.of(args[i]), Integer.parseInt(args[i + 1]));
      }
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }
}
