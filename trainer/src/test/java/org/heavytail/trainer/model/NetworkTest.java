package org.heavytail.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @org.junit.jupiter.api.BeforeAll
  static void threads() {
    // tiny models: one intra-op thread; set before the engine loads
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }
  private static final long[] MNIST = {1, 28, 28};
  private static final long[] CIFAR = {3, 32, 32};

  private static long[] forwardShape(Network net, int b) {
    long[] in = net.inputShape();
    long[] shape = new long[in.length + 1];
    shape[0] = b;
    System.arraycopy(in, 0, shape, 1, in.length);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray y = net.forward(m.ones(new Shape(shape)), false);
      return y.getShape().getShape();
    }
  }

  @Test
  void mlpParameterCountAndNames() {
    try (Network net = Network.create(ModelSpec.parse("mlp"), MNIST, 10, 1, Device.cpu())) {
      // 784·300+300 + 300·100+100 + 100·10+10
      assertEquals(235_500 + 30_100 + 1_010, net.parameterCount());
      assertEquals(List.of("01Linear_weight", "01Linear_bias", "03Linear_weight",
          "03Linear_bias", "05Linear_weight", "05Linear_bias"), net.parameterNames());
      assertArrayEquals(new long[] {5, 10}, forwardShape(net, 5));
    }
  }

  @Test
  void lenetVggResnetShapesAndCounts() {
    try (Network net = Network.create(ModelSpec.parse("lenet"), MNIST, 10, 1, Device.cpu())) {
      // conv 1·6·25+6, conv 6·16·25+16, fc 400·120+120, 120·84+84, 84·10+10
      assertEquals(156 + 2_416 + 48_120 + 10_164 + 850, net.parameterCount());
      assertArrayEquals(new long[] {3, 10}, forwardShape(net, 3));
    }
    try (Network net = Network.create(ModelSpec.parse("vgg-small"), CIFAR, 10, 1, Device.cpu())) {
      long convs = (3 * 32 * 9 + 32) + (32 * 32 * 9 + 32) + (32 * 64 * 9 + 64) + (64 * 64 * 9 + 64)
          + (64 * 128 * 9 + 128) + (128 * 128 * 9 + 128);
      assertEquals(convs + 2048 * 256 + 256 + 256 * 10 + 10, net.parameterCount());
      assertArrayEquals(new long[] {2, 10}, forwardShape(net, 2));
    }
    try (Network net = Network.create(ModelSpec.parse("resnet20"), CIFAR, 10, 1, Device.cpu())) {
      long stem = 3 * 16 * 9 + 2 * 16;
      long stage1 = 3 * (2 * 16 * 16 * 9 + 4 * 16);
      long stage2 = (16 * 32 * 9 + 32 * 32 * 9 + 4 * 32 + 16 * 32 + 2 * 32)
          + 2 * (2 * 32 * 32 * 9 + 4 * 32);
      long stage3 = (32 * 64 * 9 + 64 * 64 * 9 + 4 * 64 + 32 * 64 + 2 * 64)
          + 2 * (2 * 64 * 64 * 9 + 4 * 64);
      assertEquals(stem + stage1 + stage2 + stage3 + 64 * 10 + 10, net.parameterCount());
      assertEquals(272_474, net.parameterCount()); // He et al.: "0.27M"
      // running mean and variance per batch norm: 19 + 2 shortcut BNs = 21 BNs
      assertEquals(net.parameterNames().size() + 2 * 21, net.stateNames().size());
      assertArrayEquals(new long[] {2, 10}, forwardShape(net, 2));
    }
  }

  @Test
  void linearModelHasNoBiasByDefault() {
    try (Network net = Network.create(ModelSpec.parse("linear"), new long[] {5}, 1, 1, Device.cpu())) {
      assertEquals(5, net.parameterCount());
      assertEquals(List.of("weight"), net.parameterNames());
    }
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    ModelSpec spec = ModelSpec.parse("mlp:784-30-10");
    try (Network a = Network.create(spec, MNIST, 10, 7, Device.cpu());
        Network b = Network.create(spec, MNIST, 10, 7, Device.cpu());
        Network c = Network.create(spec, MNIST, 10, 8, Device.cpu())) {
      Map<String, float[]> wa = a.weights();
      Map<String, float[]> wb = b.weights();
      for (String k : wa.keySet()) {
        assertArrayEquals(wa.get(k), wb.get(k), k);
      }
      assertTrue(!java.util.Arrays.equals(wa.get("01Linear_weight"), c.weights().get("01Linear_weight")));
    }
  }

  @Test
  void heInitHasVarianceTwoOverFanIn() {
    try (Network net = Network.create(ModelSpec.parse("mlp:784-300-10"), MNIST, 10, 3, Device.cpu())) {
      float[] w = net.weights().get("01Linear_weight");
      double ss = 0;
      for (float x : w) {
        ss += x * x;
      }
      double var = ss / w.length;
      // 235,200 draws: relative sd of the variance estimate ≈ sqrt(2/n) ≈ 0.3%
      assertEquals(2.0 / 784, var, 0.02 * 2.0 / 784);
      float[] bias = net.weights().get("01Linear_bias");
      for (float x : bias) {
        assertEquals(0f, x);
      }
    }
  }

  @Test
  void lossesMatchClosedForms() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray out = m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
      NDArray labels = m.create(new long[] {2, 0});
      float[] ce = LossKind.CROSS_ENTROPY.perExample(out, labels).toFloatArray();
      double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
      assertEquals(lse - 3, ce[0], 1e-6);
      assertEquals(Math.log(3), ce[1], 1e-6);
      float[] sq = LossKind.SQUARE.perExample(out, labels).toFloatArray();
      assertEquals(0.5 * (1 + 4 + 4), sq[0], 1e-6); // ½‖(1,2,3) − (0,0,1)‖²
      assertEquals(0.5 * 1, sq[1], 1e-6);
      NDArray targets = m.create(new float[] {0.5f, 1f}, new Shape(2, 1));
      NDArray pred = m.create(new float[] {1.5f, -1f}, new Shape(2, 1));
      assertArrayEquals(new float[] {0.5f, 2f}, LossKind.SQUARE.perExample(pred, targets).toFloatArray(), 1e-6f);
      assertEquals((0.5 + 2) / 2, LossKind.SQUARE.mean(pred, targets).getFloat(), 1e-6);
    }
  }

  @Test
  void crossEntropyMeanIsBitForBitTheMeanOfPerExampleLosses() {
    // LossKind.mean takes a shorter op sequence for cross-entropy; loss and gradient must be
    // the same floats as perExample(..).mean() (the loop's results are compared bit for bit)
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      m.getEngine().setRandomSeed(7);
      NDArray out = m.randomNormal(new Shape(128, 10)).mul(3);
      NDArray labels = m.randomInteger(0, 10, new Shape(128), ai.djl.ndarray.types.DataType.INT64);
      float[][] lossAndGrad = new float[2][];
      for (int v = 0; v < 2; v++) {
        NDArray o = out.duplicate();
        o.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector gc = m.getEngine().newGradientCollector()) {
          NDArray l = v == 0 ? LossKind.CROSS_ENTROPY.mean(o, labels)
              : LossKind.CROSS_ENTROPY.perExample(o, labels).mean();
          gc.backward(l);
          if (v == 0) {
            lossAndGrad[0] = new float[] {l.getFloat()};
            lossAndGrad[1] = o.getGradient().toFloatArray();
          } else {
            assertEquals(Float.floatToIntBits(lossAndGrad[0][0]), Float.floatToIntBits(l.getFloat()),
                "loss " + lossAndGrad[0][0] + " vs " + l.getFloat());
            assertArrayEquals(lossAndGrad[1], o.getGradient().toFloatArray(), 0f);
          }
        }
      }
      assertTrue(lossAndGrad[0][0] > 0);
    }
  }
}
