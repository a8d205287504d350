package org.heavytail.tailstats.spectrum;

import java.util.Arrays;

/**
 * Eigenvalues of a small real symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan,
 * Matrix Computations, 4th ed., §8.5): sweeps of plane rotations, each zeroing one off-diagonal
 * entry with the stable choice of tan θ, until the off-diagonal Frobenius norm falls below
 * 1e-15 of the matrix norm (at most 100 sweeps). Quadratically convergent; O(n³) per sweep, so
 * meant for n up to about a thousand.
 */
public final class SymmetricEigen {

  private SymmetricEigen() {}

  /**
   * The eigenvalues of symmetric {@code a} (n×n, row-major {@code a[i][j]}), ascending. The input
   * is not modified; its symmetry is checked to 1e-10 relative.
   */
  public static double[] eigenvalues(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("eigenvalues: row " + i + " has " + a[i].length
            + " entries; expected " + n + " (square matrix)");
      }
      m[i] = a[i].clone();
      for (double v : a[i]) {
        norm += v * v;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * Math.sqrt(norm)) {
          throw new IllegalArgumentException("eigenvalues: matrix not symmetric at (" + i + ", "
              + j + "): " + a[i][j] + " vs " + a[j][i]);
        }
      }
    }
    double tol = 1e-30 * norm;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          off += m[i][j] * m[i][j];
        }
      }
      if (off <= tol) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p][q];
          if (apq == 0) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
        }
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) {
      ev[i] = m[i][i];
    }
    Arrays.sort(ev);
    return ev;
  }

  /**
   * The eigenvalues of X = WᵀW/N for a weight matrix W of {@code rows}×{@code cols} (row-major),
   * oriented as WeightWatcher does: N = max(rows, cols) and X is min(rows, cols) square.
   */
  public static double[] correlationEigenvalues(float[] w, int rows, int cols) {
    if ((long) rows * cols != w.length) {
      throw new IllegalArgumentException("eigenvalues: " + w.length + " weights for a " + rows
          + "x" + cols + " matrix; expected " + (long) rows * cols);
    }
    boolean transpose = cols > rows;
    int big = Math.max(rows, cols);
    int small = Math.min(rows, cols);
    double[][] x = new double[small][small];
    for (int r = 0; r < big; r++) {
      for (int i = 0; i < small; i++) {
        double wi = transpose ? w[i * cols + r] : w[r * cols + i];
        if (wi == 0) {
          continue;
        }
        for (int j = 0; j <= i; j++) {
          double wj = transpose ? w[j * cols + r] : w[r * cols + j];
          x[i][j] += wi * wj;
        }
      }
    }
    for (int i = 0; i < small; i++) {
      for (int j = 0; j <= i; j++) {
        x[i][j] /= big;
        x[j][i] = x[i][j];
      }
    }
    return eigenvalues(x);
  }
}
