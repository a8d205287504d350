package org.heavytail.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.hook.BlockSumTracker;
import org.heavytail.trainer.hook.NoiseReference;
import org.heavytail.trainer.hook.SnapshotConfig;
import org.heavytail.trainer.hook.SnapshotHooks;
import org.heavytail.trainer.loop.EpochSummary;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.TrainResult;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.loop.TrainingListener;

/**
 * Steps/s of the MNIST MLP 784-300-100-10 (b = 128, SGD 0.1) with each snapshot configuration,
 * interleaved in rounds in one warm JVM so that machine drift hits all modes alike; per mode the
 * median over rounds, and per hook the time it spends on the training thread.
 *
 * <p>Modes: none; stats (online statistics every step, no tail index); stats+tail (block-sum of
 * each layer's running noise every 10 steps); grads (full float32 gradients of all layers every
 * step); noise-full and noise-mean (probe every 100 steps with 100 minibatches, full-data or
 * probe-mean reference).
 *
 * <p>Run (after {@code mvn -o -q -pl trainer -am test-compile}): {@code java -cp ...
 * org.heavytail.trainer.bench.SnapshotBench [rounds=3] [steps=400] [scratch=/tmp/snapbench]};
 * {@code -Dmodes=none,stats} runs a subset.
 */
public final class SnapshotBench {

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private SnapshotBench() {}

  /** Times onStep of a delegate. */
  static final class Timed implements TrainingListener {
    final TrainingListener d;
    long nanos;
    long calls;

    Timed(TrainingListener d) {
      this.d = d;
    }

    @Override
    public boolean needsUpdates() {
      return d.needsUpdates();
    }

    @Override
    public void onTrainingBegin(RunInfo run) {
      d.onTrainingBegin(run);
    }

    @Override
    public void onStep(StepContext step) {
      long t = THREADS.getCurrentThreadCpuTime();
      d.onStep(step);
      nanos += THREADS.getCurrentThreadCpuTime() - t;
      calls++;
    }

    @Override
    public void onEpoch(EpochSummary epoch) {
      d.onEpoch(epoch);
    }

    @Override
    public void onTrainingEnd(RunInfo run) {
      d.onTrainingEnd(run);
    }
  }

  /** Args: rounds, steps per run, scratch dir. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Path scratch = Path.of(args.length > 2 ? args[2] : "/tmp/snapbench");
    Training.configureThreads();
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.defaults());
    Map<String, SnapshotConfig> modes = new LinkedHashMap<>();
    modes.put("none", null);
    modes.put("stats", SnapshotConfig.builder().setWhat(EnumSet.of(SnapshotConfig.What.STATS))
        .build());
    modes.put("stats+tail", SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.STATS))
        .optTrackers(List.of(BlockSumTracker.of(1_000_000, 1))).optTrackerEvery(10).build());
    modes.put("grads", SnapshotConfig.builder().setWhat(EnumSet.of(SnapshotConfig.What.GRADS))
        .build());
    modes.put("noise-full", SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.NOISE)).optNoiseEvery(100).optNoiseBatches(100)
        .build());
    modes.put("noise-mean", SnapshotConfig.builder()
        .setWhat(EnumSet.of(SnapshotConfig.What.NOISE)).optNoiseEvery(100).optNoiseBatches(100)
        .optNoiseReference(NoiseReference.probeMean()).build());
    String only = System.getProperty("modes");
    if (only != null) {
      modes.keySet().retainAll(List.of(only.split(",")));
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> hookMs = new LinkedHashMap<>();
    Map<String, List<Double>> mainCpu = new LinkedHashMap<>();
    Map<String, List<Double>> procCpu = new LinkedHashMap<>();
    int run = 0;
    for (int r = -1; r < rounds; r++) { // round -1 warms up the JIT and the engine
      for (Map.Entry<String, SnapshotConfig> m : modes.entrySet()) {
        Path dir = scratch.resolve("run-" + run++);
        delete(dir);
        List<Timed> hooks = new ArrayList<>();
        if (m.getValue() != null) {
          SnapshotHooks.listeners(m.getValue()).forEach(l -> hooks.add(new Timed(l)));
        }
        TrainConfig c = TrainConfig.builder().setModel("mlp:784-300-100-10:relu")
            .setDataset("mnist").setOptimizer("sgd").setLearningRate(0.1).setBatchSize(128)
            .setSteps(steps).optSeed(r + 2).optDevice("cpu").optCheckpointEvery(0)
            .optEvaluateTest(false).optProgress(false).optOut(dir).build();
        long cpu0 = OS.getProcessCpuTime();
        long main0 = THREADS.getCurrentThreadCpuTime();
        TrainResult res = Training.run(c, train, null, new ArrayList<>(hooks));
        double mainMs = (THREADS.getCurrentThreadCpuTime() - main0) / 1e6 / steps;
        double procMs = (OS.getProcessCpuTime() - cpu0) / 1e6 / steps;
        double ms = hooks.stream().mapToLong(h -> h.nanos).sum() / 1e6 / steps;
        if (r >= 0) {
          rates.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(res.stepsPerSecond());
          hookMs.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(ms);
          mainCpu.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(mainMs);
          procCpu.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(procMs);
        }
        String extra = "";
        Path hj = dir.resolve("snapshots/hooks.json");
        if (Files.exists(hj)) {
          String j = Files.readString(hj);
          int i = j.indexOf("\"blockedSeconds\"");
          extra = i < 0 ? "" : " writer " + j.substring(i, j.indexOf(',', i)).replace("\"", "");
        }
        System.out.printf(Locale.ROOT, "round %d %-10s %7.1f steps/s  cpu/step: main %.3f ms, "
            + "process %.3f ms, hooks %.3f ms%s%n", r, m.getKey(), res.stepsPerSecond(), mainMs,
            procMs, ms, extra);
        delete(dir);
      }
    }
    double base = median(rates.get("none"));
    double baseCpu = median(mainCpu.get("none"));
    StringBuilder json = new StringBuilder("{");
    System.out.println("\nmode        steps/s  wall x none | main-thread CPU ms/step  x none | "
        + "process CPU ms/step | hooks CPU ms/step   (medians)");
    for (String k : rates.keySet()) {
      double v = median(rates.get(k));
      double mc = median(mainCpu.get(k));
      System.out.printf(Locale.ROOT, "%-10s %8.1f %8.3f | %10.3f %8.3f | %10.3f | %10.3f%n", k,
          v, base / v, mc, mc / baseCpu, median(procCpu.get(k)), median(hookMs.get(k)));
      json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
          .append(String.format(Locale.ROOT, "%.2f", v));
    }
    System.out.println("RESULT " + json.append('}'));
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static void delete(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
