package org.heavytail.trainer.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class HessianOperatorTest {

  /** Linear least squares, ℓ_i = ½(x_iᵀθ − y_i)²: H = XᵀX/n exactly, whatever θ. */
  @Test
  void linearLeastSquaresHessianIsXtXOverN() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(1);
      int n = 40;
      int p = 5;
      NDArray x = TinyNets.gaussian(m, rng, n, p, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, rng, n, 1, DataType.FLOAT64);
      Block b = TinyNets.linear(m, p, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(b, PerExampleLoss.halfSquare());
      double[] xs = TinyNets.rowMajor(x);
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        assertEquals(p, h.dimension());
        double[][] hm = TinyNets.matrix(h);
        for (int i = 0; i < p; i++) {
          for (int j = 0; j < p; j++) {
            double e = 0;
            for (int k = 0; k < n; k++) {
              e += xs[k * p + i] * xs[k * p + j];
            }
            e /= n;
            assertEquals(e, hm[i][j], 1e-12, "H[" + i + "," + j + "]");
          }
        }
      }
    }
  }

  /**
   * f(x) = vᵀ tanh(Ux), ℓ = ½(f − y)²: the exact Hessian (1/n) Σ (∇f∇fᵀ + r ∇²f) with ∂²f/∂v_j∂u_jk
   * = s_j x_k and ∂²f/∂u_jk∂u_jm = −2 v_j t_j s_j x_k x_m (t = tanh(Ux), s = 1 − t²), built in Java,
   * against the column-by-column HVP matrix; and HVPs against central finite differences.
   */
  @Test
  void twoLayerNetworkMatchesClosedFormAndFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(2);
      int n = 7;
      int p = 3;
      int hid = 4;
      NDArray x = TinyNets.gaussian(m, rng, n, p, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, rng, n, 1, DataType.FLOAT64);
      Block b = TinyNets.twoLayer(m, p, hid, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(b, PerExampleLoss.halfSquare());
      List<NDArray> params = model.parameterArrays();
      double[] u = TinyNets.rowMajor(params.get(0));
      double[] v = TinyNets.rowMajor(params.get(1));
      double[] xs = TinyNets.rowMajor(x);
      double[] ys = TinyNets.rowMajor(y);
      int d = hid * p + hid;
      double[][] exact = new double[d][d];
      for (int i = 0; i < n; i++) {
        double[] t = new double[hid];
        double f = 0;
        for (int j = 0; j < hid; j++) {
          double a = 0;
          for (int k = 0; k < p; k++) {
            a += u[j * p + k] * xs[i * p + k];
          }
          t[j] = Math.tanh(a);
          f += v[j] * t[j];
        }
        double r = f - ys[i];
        double[] grad = new double[d];
        double[][] second = new double[d][d];
        for (int j = 0; j < hid; j++) {
          double s = 1 - t[j] * t[j];
          grad[hid * p + j] = t[j];
          for (int k = 0; k < p; k++) {
            grad[j * p + k] = v[j] * s * xs[i * p + k];
            second[hid * p + j][j * p + k] = s * xs[i * p + k];
            second[j * p + k][hid * p + j] = s * xs[i * p + k];
            for (int q = 0; q < p; q++) {
              second[j * p + k][j * p + q] = -2 * v[j] * t[j] * s * xs[i * p + k] * xs[i * p + q];
            }
          }
        }
        for (int a = 0; a < d; a++) {
          for (int c = 0; c < d; c++) {
            exact[a][c] += (grad[a] * grad[c] + r * second[a][c]) / n;
          }
        }
      }
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        double[][] hm = TinyNets.matrix(h);
        for (int a = 0; a < d; a++) {
          for (int c = 0; c < d; c++) {
            assertEquals(exact[a][c], hm[a][c], 1e-12, "H[" + a + "," + c + "]");
          }
        }
      }
      // central finite differences (∇L(θ+εw) − ∇L(θ−εw))/(2ε) for a random direction w
      double[] w = new double[d];
      for (int i = 0; i < d; i++) {
        w[i] = rng.nextGaussian();
      }
      double[] hw;
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        hw = h.apply(w);
      }
      double eps = 1e-5;
      double[] plus = gradientAt(model, x, y, w, eps);
      double[] minus = gradientAt(model, x, y, w, -eps);
      for (int i = 0; i < d; i++) {
        assertEquals((plus[i] - minus[i]) / (2 * eps), hw[i], 1e-7, "Hw[" + i + "]");
      }
    }
  }

  /**
   * Cross-entropy classifier: in float64 the HVP matches central finite differences (ε = 1e-5,
   * tolerance 1e-7 of max|Hw|); in float32 it matches the float64 HVP of the same weights to
   * 1e-4 of max|Hw| (float32 rounding, about 1e-6 relative per operation, accumulated).
   */
  @Test
  void crossEntropyHvpMatchesFiniteDifferencesAndFloat32MatchesFloat64() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(3);
      int n = 32;
      NDArray x64 = TinyNets.gaussian(m, rng, n, 6, DataType.FLOAT64);
      long[] labels = new long[n];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(3);
      }
      NDArray y = m.create(labels);
      CurvatureModel m64 = CurvatureModel.of(TinyNets.classifier(m, 6, 5, 3, DataType.FLOAT64),
          PerExampleLoss.softmaxCrossEntropy());
      CurvatureModel m32 = CurvatureModel.of(TinyNets.classifier(m, 6, 5, 3, DataType.FLOAT32),
          PerExampleLoss.softmaxCrossEntropy());
      set(m32.parameterArrays(), FlatVectors.flatten(m64.parameterArrays()));
      int d = m64.dimension();
      double[] w = new double[d];
      for (int i = 0; i < d; i++) {
        w[i] = rng.nextGaussian();
      }
      double[] hw64;
      try (HessianOperator h = HessianOperator.of(m64, x64, y)) {
        hw64 = h.apply(w);
      }
      double scale = 0;
      for (double v : hw64) {
        scale = Math.max(scale, Math.abs(v));
      }
      double eps = 1e-5;
      double[] plus = gradientAt(m64, x64, y, w, eps);
      double[] minus = gradientAt(m64, x64, y, w, -eps);
      for (int i = 0; i < d; i++) {
        assertEquals((plus[i] - minus[i]) / (2 * eps), hw64[i], 1e-7 * scale, "Hw[" + i + "]");
      }
      try (NDManager s = m.newSubManager()) {
        NDArray x32 = x64.toType(DataType.FLOAT32, false);
        NDList wl = FlatVectors.unflatten(w, m32.parameterArrays(), s);
        double[] hw32 = FlatVectors.flatten(HessianOperator.hvp(m32, x32, y, wl));
        for (int i = 0; i < d; i++) {
          assertEquals(hw64[i], hw32[i], 1e-4 * scale, "float32 Hw[" + i + "]");
        }
      }
    }
  }

  /**
   * The checked build's decision: products equal to rounding agree; after a disagreement the
   * third build sides with the first (the second was odd), with the second (the first was odd:
   * the near-zero first products seen once after training), or with neither (an error).
   */
  @Test
  void checkedBuildKeepsTheProductTwoBuildsAgreeOn() {
    double[] good = {3.0, -1.5, 2.25};
    double[] rounded = {3.0 * (1 + 1e-7), -1.5, 2.25 * (1 - 1e-7)};
    double[] nearZero = {5e-10, 0, -2e-10};
    double[] other = {3.0, -1.5, 2.5};
    assertTrue(HessianOperator.sameProduct(good, rounded));
    assertFalse(HessianOperator.sameProduct(good, nearZero));
    assertFalse(HessianOperator.sameProduct(good, other));
    assertTrue(HessianOperator.sameProduct(new double[3], new double[3]));
    assertEquals(2, HessianOperator.trustedBuild(nearZero, good, rounded));
    assertEquals(0, HessianOperator.trustedBuild(good, nearZero, rounded));
    assertEquals(-1, HessianOperator.trustedBuild(good, nearZero, other));
  }

  /** Building (and closing) operators leaves the caller's x and y open, in their manager. */
  @Test
  void buildingAndClosingLeavesTheCallersArraysInPlace() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(3);
      NDArray x = TinyNets.gaussian(m, rng, 12, 4, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, rng, 12, 1, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, 4, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      double first;
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        first = h.apply(new double[] {1, 0, 0, 0})[0];
      }
      assertSame(m, x.getManager());
      assertSame(m, y.getManager());
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        assertEquals(first, h.apply(new double[] {1, 0, 0, 0})[0], 0.0);
      }
      assertEquals(12, x.getShape().get(0));
    }
  }

  @Test
  void rejectsWrongLength() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Random rng = new Random(4);
      NDArray x = TinyNets.gaussian(m, rng, 5, 3, DataType.FLOAT64);
      NDArray y = TinyNets.gaussian(m, rng, 5, 1, DataType.FLOAT64);
      CurvatureModel model = CurvatureModel.of(TinyNets.linear(m, 3, DataType.FLOAT64),
          PerExampleLoss.halfSquare());
      try (HessianOperator h = HessianOperator.of(model, x, y)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> h.apply(new double[4]));
        assertEquals("v has length 4, expected d = 3", e.getMessage());
      }
    }
  }

  /** ∇L at θ + εw (the parameters are restored afterwards). */
  static double[] gradientAt(CurvatureModel model, NDArray x, NDArray y, double[] w, double eps) {
    List<NDArray> params = model.parameterArrays();
    double[] theta = FlatVectors.flatten(params);
    double[] shifted = theta.clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += eps * w[i];
    }
    set(params, shifted);
    try (HessianOperator h = HessianOperator.of(model, x, y)) {
      return h.gradient();
    } finally {
      set(params, theta);
    }
  }

  private static void set(List<NDArray> params, double[] values) {
    try (NDManager s = params.get(0).getManager().newSubManager()) {
      NDList vs = FlatVectors.unflatten(values, params, s);
      for (int i = 0; i < params.size(); i++) {
        params.get(i).set(vs.get(i).toByteBuffer());
      }
    }
  }
}
