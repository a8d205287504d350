package org.heavytail.trainer.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.heavytail.tailstats.spectrum.SymmetricEigen;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(OneTorchThread.class)
class SpectrumTest {

  static double[][] randomSymmetric(int d, long seed) {
    Random rng = new Random(seed);
    double[][] a = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = rng.nextGaussian();
        a[j][i] = a[i][j];
      }
    }
    return a;
  }

  @Test
  void jacobiReconstructsTheMatrix() {
    double[][] a = randomSymmetric(12, 5);
    SymmetricEigen e = SymmetricEigen.of(a);
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 12; j++) {
        double s = 0;
        for (int k = 0; k < 12; k++) {
          s += e.vectors()[k][i] * e.values()[k] * e.vectors()[k][j];
        }
        assertEquals(a[i][j], s, 1e-12);
      }
    }
    for (int k = 1; k < 12; k++) {
      assertTrue(e.values()[k - 1] <= e.values()[k]);
    }
  }

  @Test
  void lanczosTopEigenvaluesOfExplicitMatrix() {
    double[][] a = randomSymmetric(40, 6);
    double[] exact = SymmetricEigen.of(a).values();
    TopEigenvalues t = TopEigenvalues.compute(SymmetricOperator.ofMatrix(a), 4, 40, 1e-10, 1);
    for (int i = 0; i < 4; i++) {
      assertEquals(exact[39 - i], t.values()[i], 1e-8 * Math.abs(exact[39]));
    }
  }

  /** Gauss quadrature is exact: Σ_k τ_k θ_k^p = vᵀH^pv/vᵀv for p ≤ 2m − 1. */
  @Test
  void slqQuadratureIsExactForLowDegreePolynomials() {
    int d = 30;
    int m = 6;
    double[][] a = randomSymmetric(d, 7);
    SymmetricOperator op = SymmetricOperator.ofMatrix(a);
    SpectralDensity sd = SpectralDensity.estimate(op, m, 1, 11);
    double[] v = Lanczos.rademacherStart(d, 11);
    double[] hp = v.clone();
    for (int p = 1; p <= 2 * m - 1; p++) {
      hp = op.apply(hp);
      double expected = Lanczos.dot(v, hp);
      assertEquals(expected, sd.moment(p), 1e-9 * Math.max(1, Math.abs(expected)), "p=" + p);
    }
    // the smoothed density integrates to one
    double[] range = sd.range();
    int g = 4000;
    double lo = range[0] - 2;
    double hi = range[1] + 2;
    double[] grid = new double[g];
    for (int i = 0; i < g; i++) {
      grid[i] = lo + (hi - lo) * i / (g - 1);
    }
    double[] phi = sd.density(grid, 0.3);
    double integral = 0;
    for (double x : phi) {
      integral += x * (hi - lo) / (g - 1);
    }
    assertEquals(1.0, integral, 1e-3);
  }

  /** With m = d steps SLQ nodes are the exact eigenvalues. */
  @Test
  void slqWithFullKrylovSpaceRecoversEigenvalues() {
    int d = 15;
    double[][] a = randomSymmetric(d, 8);
    double[] exact = SymmetricEigen.of(a).values();
    SpectralDensity sd = SpectralDensity.estimate(SymmetricOperator.ofMatrix(a), d, 3, 2);
    for (double[] nodes : sd.nodes()) {
      assertEquals(d, nodes.length);
      for (int i = 0; i < d; i++) {
        assertEquals(exact[i], nodes[i], 1e-8);
      }
    }
  }

  /**
   * Hutchinson on an explicit matrix: within 4 standard errors of the exact trace, and the
   * standard error matches √(2 Σ_{i≠j} a_ij² / m) within 25%.
   */
  @Test
  void hutchinsonIsUnbiasedWithCorrectStandardError() {
    int d = 25;
    double[][] a = randomSymmetric(d, 9);
    double tr = 0;
    double off = 0;
    double fro = 0;
    for (int i = 0; i < d; i++) {
      tr += a[i][i];
      for (int j = 0; j < d; j++) {
        fro += a[i][j] * a[i][j];
        if (i != j) {
          off += a[i][j] * a[i][j];
        }
      }
    }
    int m = 2000;
    TraceEstimate h = TraceEstimate.hutchinson(SymmetricOperator.ofMatrix(a), m, 3);
    assertEquals(tr, h.trace(), 4 * h.traceStdError());
    assertEquals(Math.sqrt(2 * off / m), h.traceStdError(), 0.25 * Math.sqrt(2 * off / m));
    assertEquals(fro, h.frobeniusSquared(), 4 * h.frobeniusSquaredStdError());
    TraceEstimate ex = TraceEstimate.exact(SymmetricOperator.ofMatrix(a));
    assertEquals(tr, ex.trace(), 1e-10);
    assertEquals(fro, ex.frobeniusSquared(), 1e-9);
  }

  /**
   * Tiny cross-entropy network (d = 53): Lanczos top-3, exact trace and Frobenius norm against the
   * eigen-decomposition of the Hessian built column by column, to 1e-5 relative in float64 and
   * 2e-3 relative in float32 (the float32 HVP carries about 1e-6 relative rounding, amplified by
   * the conditioning of the small eigenvalues that enter the trace).
   */
  @Test
  void tinyNetworkSpectrumMatchesExactHessian() {
    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
      double tol = type == DataType.FLOAT64 ? 1e-5 : 2e-3;
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        Random rng = new Random(21);
        int n = 64;
        NDArray x = TinyNets.gaussian(m, rng, n, 6, type);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
          labels[i] = rng.nextInt(3);
        }
        NDArray y = m.create(labels);
        CurvatureModel model = CurvatureModel.of(TinyNets.classifier(m, 6, 5, 3, type),
            PerExampleLoss.softmaxCrossEntropy());
        try (HessianOperator h = HessianOperator.of(model, x, y)) {
          int d = h.dimension();
          assertEquals(53, d);
          double[][] full = TinyNets.matrix(h);
          // symmetrize only to feed Jacobi; asymmetry itself is rounding
          SymmetricEigen e = SymmetricEigen.of(full);
          double[] ev = e.values();
          double tr = 0;
          double fro = 0;
          for (double v : ev) {
            tr += v;
            fro += v * v;
          }
          TopEigenvalues top = TopEigenvalues.compute(h, 3, d, 1e-9, 5);
          for (int i = 0; i < 3; i++) {
            assertEquals(ev[d - 1 - i], top.values()[i], tol * Math.abs(ev[d - 1]),
                type + " λ" + (i + 1));
          }
          TraceEstimate ex = TraceEstimate.exact(h);
          assertEquals(tr, ex.trace(), tol * Math.abs(tr), type + " trace");
          assertEquals(fro, ex.frobeniusSquared(), tol * fro, type + " Frobenius²");
          TraceEstimate hu = TraceEstimate.hutchinson(h, 200, 8);
          assertEquals(tr, hu.trace(), 4 * hu.traceStdError() + tol * Math.abs(tr), type
              + " Hutchinson trace");
          assertEquals(fro, hu.frobeniusSquared(), 4 * hu.frobeniusSquaredStdError() + tol * fro,
              type + " Hutchinson Frobenius²");
        }
      }
    }
  }
}
