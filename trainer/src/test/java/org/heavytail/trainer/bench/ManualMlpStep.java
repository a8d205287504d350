package org.heavytail.trainer.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

/**
 * How fast could an MNIST MLP step (784-300-100-10, ReLU, cross-entropy, SGD 0.1, b = 128) be
 * through DJL without autograd? Times, in one JVM and alternated, (a) the step with DJL's
 * autograd (the same forward ops, {@code GradientCollector.backward}, two-op SGD) and (b) the same
 * step with the backward written out by hand (softmax − one-hot, then per layer dW = δᵀh, db =
 * Σδ, δ ← (δW) ⊙ 1[h > 0]), and checks that both give the same gradients. Neither reads anything
 * back (like the peer's loop). Records the bound quoted for issue 4 in benchmarks/trainer.md.
 *
 * <p>Usage: {@code ManualMlpStep DATA_DIR [ROUNDS] [STEPS]}.
 */
public final class ManualMlpStep {
  private ManualMlpStep() {}

  private static final int B = 128;
  private static final float LR = 0.1f;

  public static void main(String[] args) throws Exception {
    Training.configureThreads();
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.of(Path.of(args[0])));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray xs = m.create(train.features(), new Shape(train.size(), 784)).div(255f);
      int[] lab = train.labels();
      long[] l64 = new long[lab.length];
      for (int i = 0; i < lab.length; i++) {
        l64[i] = lab[i];
      }
      NDArray ys = m.create(l64);
      NDArray onehot = ys.oneHot(10);
      int[][] dims = {{300, 784}, {100, 300}, {10, 100}};
      List<NDArray> w = new ArrayList<>();
      List<NDArray> b = new ArrayList<>();
      for (int[] d : dims) {
        w.add(m.randomUniform(-1f / (float) Math.sqrt(d[1]), 1f / (float) Math.sqrt(d[1]),
            new Shape(d[0], d[1])));
        b.add(m.zeros(new Shape(d[0])));
      }
      // the two gradients agree
      try (NDScope s = new NDScope()) {
        s.suppressNotUsedWarning();
        NDArray x = xs.get(new NDIndex("0:128"));
        List<NDArray> auto = autogradGradients(w, b, x, ys.get(new NDIndex("0:128")));
        List<NDArray> manual = manualGradients(w, b, x, onehot.get(new NDIndex("0:128")));
        double worst = 0;
        for (int i = 0; i < auto.size(); i++) {
          double diff = auto.get(i).sub(manual.get(i)).abs().max().getFloat();
          double scale = auto.get(i).abs().max().getFloat();
          worst = Math.max(worst, diff / scale);
        }
        System.out.printf(Locale.ROOT, "max |autograd - manual| / max|autograd| over layers: %.2e%n", worst);
      }
      int nb = train.size() / B;
      int[] at = {0};
      Runnable autoStep = () -> {
        int j = at[0]++ % nb;
        NDIndex rows = new NDIndex().addSliceDim((long) j * B, (long) (j + 1) * B);
        List<NDArray> g = autogradGradients(w, b, xs.get(rows), ys.get(rows));
        update(w, b, g);
      };
      Runnable manualStep = () -> {
        int j = at[0]++ % nb;
        NDIndex rows = new NDIndex().addSliceDim((long) j * B, (long) (j + 1) * B);
        List<NDArray> g = manualGradients(w, b, xs.get(rows), onehot.get(rows));
        update(w, b, g);
      };
      for (int r = -1; r < rounds; r++) {
        double a = time(tb, autoStep, steps);
        double h = time(tb, manualStep, steps);
        System.out.printf(Locale.ROOT, "round %d: autograd %.3f ms/step, manual %.3f ms/step thread CPU"
            + " (%.1f / %.1f steps/s wall-equivalent), manual/autograd %.3f%n", r, a, h, 1e3 / a,
            1e3 / h, h / a);
      }
    }
  }

  private static double time(ThreadMXBean tb, Runnable step, int n) {
    long c = tb.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      try (NDScope s = new NDScope()) {
        s.suppressNotUsedWarning();
        step.run();
      }
    }
    return (tb.getCurrentThreadCpuTime() - c) / 1e6 / n;
  }

  private static NDArray forwardLayer(NDArray h, NDArray w, NDArray b, boolean relu) {
    NDArray z = Linear.linear(h, w, b).singletonOrThrow();
    return relu ? z.getNDArrayInternal().relu() : z;
  }

  /** dW, db per layer (W1, b1, W2, b2, W3, b3) by DJL's autograd. */
  static List<NDArray> autogradGradients(List<NDArray> w, List<NDArray> b, NDArray x, NDArray y) {
    for (int i = 0; i < 3; i++) {
      w.get(i).setRequiresGradient(true);
      b.get(i).setRequiresGradient(true);
    }
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray h = x;
      for (int i = 0; i < 3; i++) {
        h = forwardLayer(h, w.get(i), b.get(i), i < 2);
      }
      NDArray logp = h.logSoftmax(1);
      NDArray loss = logp.get(new NDIndex().addAllDim().addPickDim(y.reshape(-1, 1))).mean().neg();
      gc.backward(loss);
    }
    List<NDArray> g = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      g.add(w.get(i).getGradient());
      g.add(b.get(i).getGradient());
    }
    return g;
  }

  /** The same gradients written out: δ_L = (softmax − onehot)/B, dW = δᵀh, db = Σδ. */
  static List<NDArray> manualGradients(List<NDArray> w, List<NDArray> b, NDArray x, NDArray onehot) {
    NDArray h0 = x;
    NDArray h1 = forwardLayer(h0, w.get(0), b.get(0), true);
    NDArray h2 = forwardLayer(h1, w.get(1), b.get(1), true);
    NDArray out = forwardLayer(h2, w.get(2), b.get(2), false);
    NDArray delta = out.softmax(1).subi(onehot).muli(1f / B);
    NDArray[] gw = new NDArray[3];
    NDArray[] gb = new NDArray[3];
    NDArray[] hs = {h0, h1, h2};
    for (int i = 2; i >= 0; i--) {
      gw[i] = delta.transpose().matMul(hs[i]);
      gb[i] = delta.sum(new int[] {0});
      if (i > 0) {
        delta = delta.matMul(w.get(i)).muli(hs[i].gt(0));
      }
    }
    List<NDArray> g = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      g.add(gw[i]);
      g.add(gb[i]);
    }
    return g;
  }

  private static void update(List<NDArray> w, List<NDArray> b, List<NDArray> g) {
    for (int i = 0; i < 3; i++) {
      w.get(i).subi(g.get(2 * i).mul(LR));
      b.get(i).subi(g.get(2 * i + 1).mul(LR));
    }
  }
}
