package org.heavytail.trainer.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.loop.TrainingData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;

/**
 * Where the time of one training step goes: a bare DJL step (slice, zero gradients, forward,
 * loss, backward, loss read-back, NaN/Inf check, accuracy count, one fused SGD update per
 * parameter) timed phase by phase with {@link System#nanoTime}, and optionally libtorch's own
 * profiler over some steps (a Chrome trace with per-op times, to compare with the peer's).
 *
 * <p>Usage: {@code StepProfile mlp|lenet DATA_DIR [STEPS] [TRACE_FILE]}.
 */
public final class StepProfile {
  private static final String[] PHASES = {
    "slice", "zero", "forward", "loss", "backward", "readLoss", "check", "accuracy", "sgd", "close"
  };

  private StepProfile() {}

  public static void main(String[] args) throws Exception {
    Training.configureThreads();
    String kind = args[0];
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.of(Path.of(args[1])));
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    ModelSpec spec = ModelSpec.parse(kind.equals("mlp") ? "mlp:784-300-100-10:relu" : "lenet");
    try (Network net = Network.create(spec, train.exampleShape(), 10, 0, Device.cpu());
        TrainingData data = TrainingData.of(train, null, net.inputShape(), Device.cpu())) {
      List<Parameter> params = new ArrayList<>(net.parameters().values());
      long[] ns = new long[PHASES.length];
      int n = train.size() / 128;
      for (int s = 0; s < 50; s++) {
        step(net, data, params, s % n, new long[PHASES.length]);
      }
      java.util.Map<String, Long> th0 = threadTicks();
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long f0 = minorFaults();
      for (int s = 0; s < steps; s++) {
        step(net, data, params, s % n, ns);
      }
      double wall = (System.nanoTime() - t0) * 1e-9;
      double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
      System.out.printf(Locale.ROOT, "minor page faults per step: %.1f%n",
          (minorFaults() - f0) / (double) steps);
      System.out.printf(Locale.ROOT, "%s bare step: %.1f steps/s, %.3f ms/step wall, %.3f ms/step process CPU (threads=%s)%n",
          kind, steps / wall, 1e3 * wall / steps, 1e3 * cpu / steps,
          System.getProperty("ai.djl.pytorch.num_threads"));
      java.util.Map<String, Long> th1 = threadTicks();
      StringBuilder sb = new StringBuilder("  CPU by thread (ms/step, > 0.01):");
      th1.forEach((k, v) -> {
        double ms = 10.0 * (v - th0.getOrDefault(k, 0L)) / steps;
        if (ms > 0.01) {
          sb.append(String.format(Locale.ROOT, " %s=%.2f", k, ms));
        }
      });
      System.out.println(sb);
      for (int i = 0; i < PHASES.length; i++) {
        System.out.printf(Locale.ROOT, (CPU_CLOCK ? "  %-9s %8.1f us thread CPU%n" : "  %-9s %8.1f us wall%n"), PHASES[i], ns[i] / 1e3 / steps);
      }
      if (args.length > 3) {
        JniUtils.startProfile(false, true, false);
        for (int s = 0; s < 100; s++) {
          step(net, data, params, s % n, new long[PHASES.length]);
        }
        JniUtils.stopProfile(args[3]);
        System.out.println("trace (100 steps): " + args[3]);
      }
    }
  }

  private static void step(Network net, TrainingData data, List<Parameter> params, int j, long[] ns) {
    long t = now();
    NDScope scope = new NDScope();
    NDIndex rows = new NDIndex().addSliceDim(j * 128L, (j + 1) * 128L);
    NDArray x = data.trainFeatures().get(rows);
    NDArray y = data.trainTargets().get(rows);
    t = lap(ns, 0, t);
    for (Parameter p : params) {
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
    t = lap(ns, 1, t);
    NDArray out;
    NDArray loss;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      out = net.forward(x, true);
      t = lap(ns, 2, t);
      loss = LossKind.CROSS_ENTROPY.mean(out, y);
      t = lap(ns, 3, t);
      gc.backward(loss);
      t = lap(ns, 4, t);
    }
    float l = loss.toFloatArray()[0];
    t = lap(ns, 5, t);
    NDArray check = null;
    List<NDArray> grads = new ArrayList<>();
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      grads.add(g);
      NDArray s = g.sum();
      check = check == null ? s : check.addi(s);
    }
    if (!Float.isFinite(l) || !Float.isFinite(check.toFloatArray()[0])) {
      throw new IllegalStateException("non-finite");
    }
    t = lap(ns, 6, t);
    long correct = out.argMax(1).eq(y).sum().toType(DataType.INT64, false).toLongArray()[0];
    if (correct < 0) {
      throw new IllegalStateException();
    }
    t = lap(ns, 7, t);
    for (int i = 0; i < params.size(); i++) {
      JniUtils.sgdUpdate((PtNDArray) params.get(i).getArray(), (PtNDArray) grads.get(i), null,
          0.1f, 0f, 1f, -1f, 0f);
    }
    t = lap(ns, 8, t);
    scope.close();
    lap(ns, 9, t);
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();
  private static final boolean CPU_CLOCK = Boolean.getBoolean("profile.cpu");

  private static long now() {
    return CPU_CLOCK ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** utime + stime (clock ticks of 10 ms) of each thread of this process, by "name#tid". */
  static java.util.Map<String, Long> threadTicks() {
    java.util.Map<String, Long> m = new java.util.TreeMap<>();
    try (var ds = java.nio.file.Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : ds) {
        String st = java.nio.file.Files.readString(t.resolve("stat"));
        String name = st.substring(st.indexOf('(') + 1, st.lastIndexOf(')')).replace(' ', '_');
        String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
        m.put(name + "#" + t.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
      }
    } catch (java.io.IOException e) {
      // best effort
    }
    return m;
  }

  /** Minor page faults of this process so far (field 10 of /proc/self/stat). */
  static long minorFaults() {
    try {
      String st = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
      String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[7]);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static long lap(long[] ns, int i, long t) {
    long now = now();
    ns[i] += now - t;
    return now;
  }
}
