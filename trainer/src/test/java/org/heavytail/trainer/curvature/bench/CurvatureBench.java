package org.heavytail.trainer.curvature.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.curvature.CurvatureModel;
import org.heavytail.trainer.curvature.HessianOperator;
import org.heavytail.trainer.curvature.PerSampleGradients;
import org.heavytail.trainer.curvature.TopEigenvalues;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;

/**
 * Cost of one Hessian-vector product and of per-sample gradients for a batch of 128 MNIST images,
 * as ratios to one batch gradient (DJL GradientCollector: forward + backward of the mean
 * cross-entropy), on the MLP 784-300-100-10 and LeNet-5; and the time to the top Hessian
 * eigenvalue of the MLP on 1,000 examples. Each time is the median of 5 rounds after warm-up,
 * every operation including its own forward pass, like the peer's cost_ratios.py.
 *
 * <p>Run: {@code java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2
 * -Dai.djl.pytorch.num_interop_threads=1 -cp ... CurvatureBench [rounds]}; prints one
 * {@code RESULT {json}} line per model.
 */
public final class CurvatureBench {

  private CurvatureBench() {}

  interface Op {
    void run();
  }

  static double median(Op op, int reps, int warm, int rounds) {
    for (int i = 0; i < warm; i++) {
      op.run();
    }
    double[] t = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        op.run();
      }
      t[r] = (System.nanoTime() - t0) / 1e6 / reps;
    }
    Arrays.sort(t);
    return t[rounds / 2];
  }

  public static void main(String[] args) throws Exception {
    ArrayData train = DataSets.load(DataSetId.MNIST, Split.TRAIN).head(1000);
    for (String spec : new String[] {"mlp:784-300-100-10:relu", "lenet"}) {
      bench(spec, train);
    }
  }

  static void bench(String spec, ArrayData data) {
    try (Network net = Network.create(ModelSpec.parse(spec), data.exampleShape(), 10, 1,
            Device.cpu());
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      int b = 128;
      long[] in = net.inputShape();
      long[] shape = new long[in.length + 1];
      shape[0] = b;
      System.arraycopy(in, 0, shape, 1, in.length);
      NDArray x = m.create(Arrays.copyOf(data.features(), b * data.exampleSize()), new Shape(shape));
      long[] lab = new long[b];
      for (int i = 0; i < b; i++) {
        lab[i] = data.labels()[i];
      }
      NDArray y = m.create(lab);
      CurvatureModel model = CurvatureModel.of(net, LossKind.CROSS_ENTROPY);
      List<NDArray> params = model.parameterArrays();
      NDList v = new NDList();
      for (NDArray p : params) {
        v.add(m.randomNormal(p.getShape()));
      }
      Op grad = () -> {
        try (NDManager s = m.newSubManager()) {
          x.tempAttach(s);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = LossKind.CROSS_ENTROPY.mean(net.forward(x, true), y);
            gc.backward(loss);
          }
        }
      };
      Op hvp = () -> {
        try (NDManager s = m.newSubManager()) {
          NDList out = HessianOperator.hvp(model, x, y, v);
          out.attach(s);
        }
      };
      Op perSample = () -> {
        try (NDManager s = m.newSubManager()) {
          x.tempAttach(s);
          PerSampleGradients.Result r = PerSampleGradients.fast(model, x, y);
          r.perParameter().attach(s);
        }
      };
      Op perSampleFlat = () -> {
        try (NDManager s = m.newSubManager()) {
          x.tempAttach(s);
          PerSampleGradients.Result r = PerSampleGradients.fast(model, x, y);
          r.perParameter().attach(s);
          NDArray f = r.flattened();
          f.attach(s);
        }
      };
      Op loop = () -> {
        try (NDManager s = m.newSubManager()) {
          x.tempAttach(s);
          PerSampleGradients.loop(model, x, y).perParameter().attach(s);
        }
      };
      List<String> kv = new ArrayList<>();
      double tg = median(grad, 50, 10, 5);
      double th = median(hvp, 30, 5, 5);
      double tp = median(perSample, 10, 3, 5);
      double tpf = median(perSampleFlat, 10, 3, 5);
      double tl = Boolean.getBoolean("bench.loop") ? median(loop, 1, 1, 3) : Double.NaN;
      double tg2 = median(grad, 50, 2, 5);
      double g = Math.min(tg, tg2);
      kv.add(q("model") + ":" + q(spec));
      kv.add(q("params") + ":" + model.dimension());
      kv.add(q("grad_ms") + ":" + f(g));
      kv.add(q("hvp_ms") + ":" + f(th));
      kv.add(q("ps_manual_ms") + ":" + f(tp));
      kv.add(q("ps_manual_flat_ms") + ":" + f(tpf));
      kv.add(q("ps_loop_ms") + ":" + f(tl));
      kv.add(q("hvp_ratio") + ":" + f(th / g));
      kv.add(q("ps_manual_ratio") + ":" + f(tp / g));
      kv.add(q("ps_manual_flat_ratio") + ":" + f(tpf / g));
      kv.add(q("ps_loop_ratio") + ":" + f(tl / g));
      if (spec.startsWith("mlp")) {
        int n = data.size();
        NDArray xn = m.create(Arrays.copyOf(data.features(), n * data.exampleSize()),
            new Shape(n, 784));
        long[] ln = new long[n];
        for (int i = 0; i < n; i++) {
          ln[i] = data.labels()[i];
        }
        NDArray yn = m.create(ln);
        double[] best = {Double.MAX_VALUE};
        double[] lambda = new double[1];
        int[] products = new int[1];
        for (int r = 0; r < 3; r++) {
          long t0 = System.nanoTime();
          try (HessianOperator h = HessianOperator.of(model, xn, yn)) {
            TopEigenvalues top = TopEigenvalues.compute(h, 1, 100, 1e-3, 7);
            lambda[0] = top.values()[0];
            products[0] = top.products();
          }
          best[0] = Math.min(best[0], (System.nanoTime() - t0) / 1e9);
        }
        kv.add(q("top_eig_1000_s") + ":" + f(best[0]));
        kv.add(q("top_eig") + ":" + f(lambda[0]));
        kv.add(q("top_eig_products") + ":" + products[0]);
      }
      System.out.println("RESULT {" + String.join(", ", kv) + "}");
    }
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
