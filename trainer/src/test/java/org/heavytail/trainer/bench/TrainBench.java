package org.heavytail.trainer.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.loop.EpochSampler;
import org.heavytail.trainer.loop.Trainer;
import org.heavytail.trainer.loop.TrainingData;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.optim.OptimizerFactory;
import org.heavytail.trainer.optim.OptimizerOptions;

/**
 * Steps/s of heavytail's loop (or of DJL's EasyTrain on the same block) for the MNIST MLP
 * 784-300-100-10 or LeNet-5, b = 128, SGD η = 0.1, measured like {@code
 * ../shared/peers/train_bench.py}: 20 warm-up steps, then 3 windows of 200 steps, median.
 *
 * <p>Usage: {@code TrainBench mlp|lenet heavytail|easytrain|ab DATA_DIR}; prints {@code RESULT
 * {json}}. Mode {@code ab} runs both in one JVM, alternating windows, and reports the median
 * ratio heavytail/EasyTrain.
 */
public final class TrainBench {
  private TrainBench() {}

  public static void main(String[] args) throws Exception {
    Training.configureThreads();
    String kind = args[0];
    String mode = args[1];
    DataLocation loc = DataLocation.of(Path.of(args[2]));
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, loc);
    ModelSpec spec = ModelSpec.parse(kind.equals("mlp") ? "mlp:784-300-100-10:relu" : "lenet");
    // the peer's protocol: 20 warm-up steps; -Dbench.warmup=N to let the JIT finish first
    int warm = Integer.getInteger("bench.warmup", 20);
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    int window = Integer.getInteger("bench.window", 200);
    // -Dbench.windows=N (default 3, the peer's protocol); longer runs show the machine's
    // sustained speed (benchmarks/sustained_bench.sh)
    int windows = Integer.getInteger("bench.windows", 3);
    long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    List<Double> rates = new ArrayList<>();
    if (mode.equals("ab")) {
      // both in one JVM, windows alternated: removes between-process load differences
      int win = kind.equals("mlp") ? 100 : 30;
      try (Network net = Network.create(spec, train.exampleShape(), 10, 0, Device.cpu());
          TrainingData data = TrainingData.of(train, null, net.inputShape(), Device.cpu());
          Block b = new Block(spec, train)) {
        var opt = OptimizerFactory.forName("sgd").create(OptimizerOptions.of(java.util.Map.of("lr", "0.1")));
        Trainer t = new Trainer(net, LossKind.CROSS_ENTROPY, opt, data,
            EpochSampler.of(train.size(), 128, 1), List.of());
        long s1 = 0;
        int s2 = 0;
        for (int i = 0; i < warm; i++) {
          t.step(s1++);
          b.step(s2++);
        }
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          long t0 = System.nanoTime();
          long c0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < win; i++) {
            t.step(s1++);
          }
          double h = win / ((System.nanoTime() - t0) * 1e-9);
          double hc = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / win;
          t0 = System.nanoTime();
          c0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < win; i++) {
            b.step(s2++);
          }
          double e = win / ((System.nanoTime() - t0) * 1e-9);
          double ec = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / win;
          ratios.add(h / e);
          cpuRatios.add(ec / hc);
          System.out.printf(Locale.ROOT, "window %d: heavytail %.1f easytrain %.1f ratio %.2f;"
              + " main-thread CPU ms/step heavytail %.3f easytrain %.3f%n", w, h, e, h / e, hc, ec);
        }
        Collections.sort(cpuRatios);
        System.out.printf(Locale.ROOT, "main-thread CPU easytrain/heavytail median %.3f%n",
            (cpuRatios.get(3) + cpuRatios.get(4)) / 2);
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "RESULT {\"%s_heavytail_over_easytrain_median\": %.3f}%n", kind,
            (ratios.get(3) + ratios.get(4)) / 2);
      }
      return;
    }
    if (mode.equals("heavytail")) {
      try (Network net = Network.create(spec, train.exampleShape(), 10, 0, Device.cpu());
          TrainingData data = TrainingData.of(train, null, net.inputShape(), Device.cpu())) {
        var opt = OptimizerFactory.forName("sgd").create(OptimizerOptions.of(java.util.Map.of("lr", "0.1")));
        Trainer t = new Trainer(net, LossKind.CROSS_ENTROPY, opt, data,
            EpochSampler.of(train.size(), 128, 1), List.of());
        long step = 0;
        for (int i = 0; i < warm; i++) {
          t.step(step++);
        }
        for (int w = 0; w < windows; w++) {
          long t0 = System.nanoTime();
          long c0 = os.getProcessCpuTime();
          long m0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < window; i++) {
            t.step(step++);
          }
          rates.add(window / ((System.nanoTime() - t0) * 1e-9));
          cpu(os.getProcessCpuTime() - c0, threads.getCurrentThreadCpuTime() - m0, window);
          windowLine(w, start, rates.get(w));
        }
      }
    } else {
      Block b = new Block(spec, train);
      try (b) {
        int step = 0;
        for (int i = 0; i < warm; i++) {
          b.step(step++);
        }
        for (int w = 0; w < windows; w++) {
          long t0 = System.nanoTime();
          long c0 = os.getProcessCpuTime();
          long m0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < window; i++) {
            b.step(step++);
          }
          rates.add(window / ((System.nanoTime() - t0) * 1e-9));
          cpu(os.getProcessCpuTime() - c0, threads.getCurrentThreadCpuTime() - m0, window);
          windowLine(w, start, rates.get(w));
        }
      }
    }
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf(Locale.ROOT, "%s %s: steps/s windows = %s median = %.1f threads=%s warmup=%d%n",
        kind, mode, rates, median, System.getProperty("ai.djl.pytorch.num_threads"), warm);
    System.out.printf(Locale.ROOT, "RESULT {\"%s_%s_steps_per_s\": %.2f}%n", kind, mode, median);
  }

  /** One line per window: its index, seconds since the JVM started, steps/s. */
  private static void windowLine(int w, long startMillis, double rate) {
    System.out.printf(Locale.ROOT, "  window %d at %.1f s: %.1f steps/s%n", w,
        (System.currentTimeMillis() - startMillis) / 1e3, rate);
  }

  private static void cpu(long processNs, long mainNs, int steps) {
    System.out.printf(Locale.ROOT, "  window CPU: process %.3f ms/step, main thread %.3f ms/step%n",
        processNs / 1e6 / steps, mainNs / 1e6 / steps);
  }

  /** DJL's own trainer on the same block: EasyTrain.trainBatch + Trainer.step per batch. */
  private static final class Block implements AutoCloseable {
    private final Model model;
    private final ai.djl.training.Trainer trainer;
    private final NDArray x;
    private final NDArray y;
    private final NDManager manager;
    private final int n;

    Block(ModelSpec spec, ArrayData train) {
      model = Model.newInstance("bench", Device.cpu());
      model.setBlock(Network.block(spec, train.exampleShape(), 10));
      Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
      trainer = model.newTrainer(
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd)
              .optDevices(new Device[] {Device.cpu()}));
      long[] in = Network.inputShape(spec, train.exampleShape());
      long[] shape = new long[in.length + 1];
      shape[0] = 128;
      System.arraycopy(in, 0, shape, 1, in.length);
      trainer.initialize(new Shape(shape));
      manager = NDManager.newBaseManager(Device.cpu());
      shape[0] = train.size();
      x = manager.create(java.nio.FloatBuffer.wrap(train.features()), new Shape(shape));
      long[] l = new long[train.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = train.labels()[i];
      }
      y = manager.create(l);
      n = train.size() / 128;
    }

    void step(int step) {
      int j = step % n;
      try (NDManager sub = manager.newSubManager()) {
        NDArray xb = x.get(sub, new ai.djl.ndarray.index.NDIndex("{}:{}", j * 128, (j + 1) * 128));
        NDArray yb = y.get(sub, new ai.djl.ndarray.index.NDIndex("{}:{}", j * 128, (j + 1) * 128));
        Batch batch = new Batch(sub, new NDList(xb), new NDList(yb), 128, Batchifier.STACK,
            Batchifier.STACK, j, n);
        EasyTrain.trainBatch(trainer, batch);
        trainer.step();
      }
    }

    @Override
    public void close() {
      trainer.close();
      model.close();
      manager.close();
    }
  }
}
