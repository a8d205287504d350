package org.heavytail.trainer.optim.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heavytail.trainer.optim.Optimizer;
import org.heavytail.trainer.optim.OptimizerFactory;
import org.heavytail.trainer.optim.OptimizerOptions;
import org.heavytail.trainer.optim.UpdateContext;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * Wall time of one {@link Optimizer#update} on the parameters of the MNIST MLP 784-300-100-10
 * (266 610 weights in 6 arrays), PyTorch engine on CPU. Not a test: run with
 *
 * <pre>
 * mvn -B -o -q -pl trainer -am test-compile
 * java -Dai.djl.offline=true -cp "trainer/target/test-classes:trainer/target/classes:$(cat cp.txt)" \
 *   org.heavytail.trainer.optim.bench.OptimizerStepBench [names...]
 * </pre>
 */
public final class OptimizerStepBench {
  private OptimizerStepBench() {}

  public static void main(String[] args) {
    List<String> names =
        args.length > 0
            ? List.of(args)
            : List.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad",
                "diffgrad", "noisy-sgd", "noisy-sgd:stable");
    long[][] shapes = {{300, 784}, {300}, {100, 300}, {100}, {10, 100}, {10}};
    int warm = Integer.getInteger("warm", 50);
    int iters = Integer.getInteger("iters", 200);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      List<ParameterSlot> slots = new ArrayList<>();
      for (int i = 0; i < shapes.length; i++) {
        NDArray w = m.randomNormal(new Shape(shapes[i])).muli(0.05);
        NDArray g = m.randomNormal(new Shape(shapes[i])).muli(0.01);
        slots.add(new ParameterSlot("p" + i, w, g));
      }
      for (int round = 0; round < 2; round++) {
        System.out.println("round " + round);
        for (String spec : names) {
          String name = spec.split(":")[0];
          OptimizerOptions o = OptimizerOptions.of(Map.of("lr", "1e-4"));
          if (name.equals("noisy-sgd")) {
            o = o.with("sigma", 1e-3);
            if (spec.endsWith(":stable")) {
              o = o.with("noise", "stable").with("alpha", 1.5);
            }
          }
          Optimizer opt = OptimizerFactory.forName(name).create(o);
          for (int k = 0; k < warm; k++) {
            opt.update(ctx(slots, k));
          }
          long t0 = System.nanoTime();
          for (int k = 0; k < iters; k++) {
            opt.update(ctx(slots, warm + k));
          }
          double us = (System.nanoTime() - t0) / 1e3 / iters;
          {
            System.out.printf("%-18s %8.1f us/update%n", spec, us);
          }
          if (opt instanceof AutoCloseable c) {
            try {
              c.close();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }
    }
  }

  static UpdateContext ctx(List<ParameterSlot> slots, long step) {
    return new UpdateContext() {
      @Override
      public long step() {
        return step;
      }

      @Override
      public List<ParameterSlot> parameters() {
        return slots;
      }

      @Override
      public NDArray batchFeatures() {
        return null;
      }
    };
  }
}
