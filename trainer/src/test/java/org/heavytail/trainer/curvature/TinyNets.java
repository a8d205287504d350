package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Random;

/** Tiny DJL networks and exact Hessians built column by column, shared by the curvature tests. */
final class TinyNets {

  private TinyNets() {}

  /** Gaussian matrix (n, p) of the given type from a seeded java.util.Random. */
  static NDArray gaussian(NDManager m, Random rng, int n, int p, DataType type) {
    double[] v = new double[n * p];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return m.create(v, new Shape(n, p)).toType(type, false);
  }

  /** Linear model f = Xθ without bias, p inputs, one output. */
  static Block linear(NDManager m, int p, DataType type) {
    Block b = Linear.builder().setUnits(1).optBias(false).build();
    b.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
    b.initialize(m, type, new Shape(1, p));
    return b;
  }

  /** f(x) = vᵀ tanh(Ux): U (h, p) then v (1, h), no biases. */
  static Block twoLayer(NDManager m, int p, int h, DataType type) {
    SequentialBlock b = new SequentialBlock()
        .add(Linear.builder().setUnits(h).optBias(false).build())
        .add(Activation::tanh)
        .add(Linear.builder().setUnits(1).optBias(false).build());
    b.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
    b.initialize(m, type, new Shape(1, p));
    return b;
  }

  /** A small classifier p → h (tanh) → c with biases, for cross-entropy tests. */
  static Block classifier(NDManager m, int p, int h, int c, DataType type) {
    SequentialBlock b = new SequentialBlock()
        .add(Linear.builder().setUnits(h).build())
        .add(Activation::tanh)
        .add(Linear.builder().setUnits(c).build());
    b.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
    b.initialize(m, type, new Shape(1, p));
    return b;
  }

  /** The full matrix of an operator, built column by column from products with e_j. */
  static double[][] matrix(SymmetricOperator op) {
    int d = op.dimension();
    double[][] h = new double[d][d];
    for (int j = 0; j < d; j++) {
      double[] e = new double[d];
      e[j] = 1;
      double[] col = op.apply(e);
      for (int i = 0; i < d; i++) {
        h[i][j] = col[i];
      }
    }
    return h;
  }

  static double[] rowMajor(NDArray a) {
    return FlatVectors.flatten(List.of(a));
  }
}
