package org.heavytail.trainer.curvature;

/**
 * A symmetric linear map v ↦ Av on R^d, known only through products (a Hessian, or an explicit
 * matrix in tests). Implementations are pure: {@code apply} does not change the operator.
 */
public interface SymmetricOperator {

  /** d. */
  int dimension();

  /** Av for a vector v of length d (v is not modified). */
  double[] apply(double[] v);

  /** The operator of an explicit symmetric matrix (rows of length d; symmetry is checked). */
  static SymmetricOperator ofMatrix(double[][] a) {
    int d = a.length;
    for (int i = 0; i < d; i++) {
      if (a[i].length != d) {
        throw new IllegalArgumentException("matrix: row " + i + " has length " + a[i].length
            + ", expected " + d);
      }
      for (int j = 0; j < i; j++) {
        double s = Math.max(Math.abs(a[i][j]), Math.abs(a[j][i]));
        if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.max(1, s)) {
          throw new IllegalArgumentException("matrix: not symmetric at (" + i + "," + j + "): "
              + a[i][j] + " vs " + a[j][i]);
        }
      }
    }
    double[][] copy = new double[d][];
    for (int i = 0; i < d; i++) {
      copy[i] = a[i].clone();
    }
    return new SymmetricOperator() {
      @Override
      public int dimension() {
        return d;
      }

      @Override
      public double[] apply(double[] v) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += copy[i][j] * v[j];
          }
          out[i] = s;
        }
        return out;
      }
    };
  }
}
