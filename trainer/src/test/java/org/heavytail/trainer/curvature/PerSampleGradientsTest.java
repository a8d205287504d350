package org.heavytail.trainer.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class PerSampleGradientsTest {

  static Block smallCnn(NDManager m, DataType type) {
    SequentialBlock b = new SequentialBlock()
        .add(Conv2d.builder().setFilters(3).setKernelShape(new Shape(3, 3))
            .optPadding(new Shape(1, 1)).build())
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(new SequentialBlock()
            .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 2))
                .optStride(new Shape(2, 1)).optBias(true).build())
            .add(Activation::tanh))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(3).build());
    b.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
    b.initialize(m, type, new Shape(1, 2, 10, 9));
    return b;
  }

  /** Equal to tol absolute, or tol relative for entries larger than 1. */
  static void assertSame(PerSampleGradients.Result a, PerSampleGradients.Result b, double tol) {
    assertEquals(a.perParameter().size(), b.perParameter().size());
    for (int j = 0; j < a.perParameter().size(); j++) {
      NDArray x = a.perParameter().get(j);
      NDArray y = b.perParameter().get(j);
      assertEquals(y.getShape(), x.getShape(), "parameter " + j);
      double[] xv = FlatVectors.flatten(List.of(x));
      double[] yv = FlatVectors.flatten(List.of(y));
      for (int i = 0; i < xv.length; i++) {
        assertEquals(yv[i], xv[i], tol * Math.max(1, Math.abs(yv[i])),
            "parameter " + j + " entry " + i);
      }
    }
  }

  @Test
  void denseFastPathEqualsLoop() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(31);
      for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
        NDArray x = TinyNets.gaussian(m, rng, 17, 6, type);
        NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1});
        CurvatureModel model = CurvatureModel.of(TinyNets.classifier(m, 6, 5, 3, type),
            PerExampleLoss.softmaxCrossEntropy());
        assertTrue(PerSampleGradients.supportsFastPath(model));
        PerSampleGradients.Result fast = PerSampleGradients.compute(model, x, y);
        assertTrue(fast.vectorized());
        PerSampleGradients.Result loop = PerSampleGradients.loop(model, x, y);
        assertSame(fast, loop, type == DataType.FLOAT64 ? 1e-12 : 1e-5);
        // the mean of the per-sample gradients is the batch gradient
        double[] mean = FlatVectors.flatten(List.of(fast.flattened().mean(new int[] {0})));
        try (HessianOperator h = HessianOperator.of(model, x, y)) {
          double[] g = h.gradient();
          for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], mean[i], type == DataType.FLOAT64 ? 1e-12 : 1e-6);
          }
        }
      }
    }
  }

  @Test
  void convolutionFastPathEqualsLoop() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
        Random rng = new Random(32);
        int n = 9;
        NDArray x = TinyNets.gaussian(m, rng, n, 2 * 10 * 9, type).reshape(n, 2, 10, 9);
        NDArray y = TinyNets.gaussian(m, rng, n, 3, type);
        CurvatureModel model = CurvatureModel.of(smallCnn(m, type), PerExampleLoss.halfSquare());
        assertTrue(PerSampleGradients.supportsFastPath(model), model.parameterNames().toString());
        PerSampleGradients.Result fast = PerSampleGradients.fast(model, x, y);
        PerSampleGradients.Result loop = PerSampleGradients.loop(model, x, y);
        // float64 is the exactness check. In float32 the two paths sum each conv weight
        // gradient over the output positions (10 x 9 for the first conv) in different orders
        // (and, with 2 intra-op threads, in different chunks): a few ulps of the partial sums,
        // seen up to 2e-5 relative on a loaded machine, so the float32 tolerance is 5e-5.
        assertSame(fast, loop, type == DataType.FLOAT64 ? 1e-12 : 5e-5);
      }
    }
  }

  @Test
  void batchNormFallsBackToTheLoop() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      SequentialBlock b = new SequentialBlock()
          .add(Linear.builder().setUnits(4).build())
          .add(BatchNorm.builder().build())
          .add(Linear.builder().setUnits(1).build());
      b.initialize(m, DataType.FLOAT32, new Shape(2, 3));
      CurvatureModel model = CurvatureModel.of(b, PerExampleLoss.halfSquare());
      assertFalse(PerSampleGradients.supportsFastPath(model));
      NDArray x = TinyNets.gaussian(m, new Random(1), 5, 3, DataType.FLOAT32);
      NDArray y = TinyNets.gaussian(m, new Random(2), 5, 1, DataType.FLOAT32);
      PerSampleGradients.Result r = PerSampleGradients.compute(model, x, y);
      assertFalse(r.vectorized());
      assertEquals(new Shape(5, model.dimension()), r.flattened().getShape());
      NDList unused = r.perParameter();
      assertEquals(model.parameterNames().size(), unused.size());
    }
  }
}
