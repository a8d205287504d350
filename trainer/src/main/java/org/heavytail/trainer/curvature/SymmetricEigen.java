package org.heavytail.trainer.curvature;

/**
 * Eigen-decomposition of a small dense symmetric matrix A = V diag(λ) Vᵀ by the cyclic Jacobi
 * method (Golub and Van Loan, Matrix Computations, 4th ed., §8.5), in double precision. Used for
 * the Lanczos tridiagonal matrices and, in tests, for exact Hessians of tiny networks. Cost
 * O(d³) per sweep; meant for d up to a few hundred.
 *
 * @param values eigenvalues in ascending order
 * @param vectors vectors[k] is the unit eigenvector of values[k]
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

  /** Decomposes a symmetric matrix (only its symmetric part is used; the input is not changed). */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("matrix: row " + i + " has length " + a[i].length
            + ", expected " + n);
      }
      for (int j = 0; j < n; j++) {
        m[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
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
        break;
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
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    final double[][] mm = m;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(mm[x][x], mm[y][y]));
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
}
