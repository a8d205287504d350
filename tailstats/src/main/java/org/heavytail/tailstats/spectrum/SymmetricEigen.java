package org.heavytail.tailstats.spectrum;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small dense real symmetric matrix A = V diag(λ) Vᵀ by the cyclic Jacobi
 * method (Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.5): sweeps of plane rotations,
 * each zeroing one off-diagonal entry with the stable choice of tan θ, until the off-diagonal
 * Frobenius norm² falls below 1e-30 of the matrix norm² (at most 100 sweeps). Quadratically
 * convergent; O(n³) per sweep, so meant for n up to about a thousand. Used for weight spectra
 * (WᵀW/N), for the Lanczos tridiagonal matrices and for exact Hessians of tiny networks in tests.
 *
 * @param values eigenvalues in ascending order
 * @param vectors vectors[k] is the unit eigenvector of values[k]
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

  /** Decomposes a symmetric matrix (only its symmetric part is used; the input is not changed). */
  public static SymmetricEigen of(double[][] a) {
    double[][] m = symmetricCopy(a);
    int n = m.length;
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    jacobi(m, v);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(m[x][x], m[y][y]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      int c = order[k];
      values[k] = m[c][c];
      for (int i = 0; i < n; i++) {
        vectors[k][i] = v[i][c];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /** Decomposes the symmetric tridiagonal matrix with diagonal alpha and off-diagonal beta. */
  public static SymmetricEigen tridiagonal(double[] alpha, double[] beta) {
    int m = alpha.length;
    if (beta.length < m - 1) {
      throw new IllegalArgumentException("beta: expected at least " + (m - 1) + " entries, got "
          + beta.length);
    }
    double[][] t = new double[m][m];
    for (int i = 0; i < m; i++) {
      t[i][i] = alpha[i];
      if (i + 1 < m) {
        t[i][i + 1] = beta[i];
        t[i + 1][i] = beta[i];
      }
    }
    return of(t);
  }

  /**
   * The eigenvalues of symmetric {@code a} (n×n, row-major {@code a[i][j]}), ascending, without
   * eigenvectors. The input is not modified; its symmetry is checked to 1e-10 relative.
   */
  public static double[] eigenvalues(double[][] a) {
    double norm = 0;
    for (double[] row : a) {
      for (double x : row) {
        norm += x * x;
      }
    }
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < Math.min(i, a[i].length); j++) {
        if (j < a.length && i < a[j].length
            && Math.abs(a[i][j] - a[j][i]) > 1e-10 * Math.sqrt(norm)) {
          throw new IllegalArgumentException("eigenvalues: matrix not symmetric at (" + i + ", "
              + j + "): " + a[i][j] + " vs " + a[j][i]);
        }
      }
    }
    double[][] m = symmetricCopy(a);
    jacobi(m, null);
    double[] ev = new double[m.length];
    for (int i = 0; i < m.length; i++) {
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

  /** (A + Aᵀ)/2 as a fresh array, checking that A is square. */
  private static double[][] symmetricCopy(double[][] a) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("eigenvalues: row " + i + " has " + a[i].length
            + " entries; expected " + n + " (square matrix)");
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    return m;
  }

  /** Cyclic Jacobi sweeps on {@code m} in place; rotations accumulate into {@code v} unless null. */
  private static void jacobi(double[][] m, double[][] v) {
    int n = m.length;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = m[i][j] * m[i][j];
          total += s;
          if (i != j) {
            off += s;
          }
        }
      }
      if (off <= 1e-30 * Math.max(total, Double.MIN_NORMAL)) {
        return;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (m[p][q] == 0) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          rotate(m, p, q, c, s);
          if (v != null) {
            for (int k = 0; k < n; k++) {
              double vkp = v[k][p];
              double vkq = v[k][q];
              v[k][p] = c * vkp - s * vkq;
              v[k][q] = s * vkp + c * vkq;
            }
          }
        }
      }
    }
  }

  /** m ← Jᵀ m J for the rotation J in the (p, q) plane with cosine c and sine s. */
  private static void rotate(double[][] m, int p, int q, double c, double s) {
    int n = m.length;
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
