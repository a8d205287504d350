package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * Conversion between a list of parameter-shaped arrays and one flat double vector (parameters one
 * after another, each row-major), the layout of {@link CurvatureModel}.
 */
final class FlatVectors {

  private FlatVectors() {}

  /** Concatenates the arrays into one double vector. */
  static double[] flatten(List<NDArray> arrays) {
    long d = 0;
    for (NDArray a : arrays) {
      d += a.size();
    }
    double[] out = new double[Math.toIntExact(d)];
    int off = 0;
    for (NDArray a : arrays) {
      off = copyInto(a, out, off);
    }
    return out;
  }

  /** Copies one array's values into {@code out} at {@code off}; returns the next offset. */
  static int copyInto(NDArray a, double[] out, int off) {
    if (a.getDataType() == DataType.FLOAT64) {
      double[] v = a.toDoubleArray();
      System.arraycopy(v, 0, out, off, v.length);
      return off + v.length;
    }
    float[] v = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray()
        : a.toType(DataType.FLOAT32, false).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      out[off + i] = v[i];
    }
    return off + v.length;
  }

  /** Splits a flat vector into arrays shaped and typed like {@code like}, on {@code manager}. */
  static NDList unflatten(double[] v, List<NDArray> like, NDManager manager) {
    NDList out = new NDList(like.size());
    int off = 0;
    for (NDArray p : like) {
      int n = Math.toIntExact(p.size());
      if (off + n > v.length) {
        throw new IllegalArgumentException("vector of length " + v.length + " is shorter than the "
            + "parameters it should cover");
      }
      NDArray a;
      if (p.getDataType() == DataType.FLOAT64) {
        double[] part = new double[n];
        System.arraycopy(v, off, part, 0, n);
        a = manager.create(part, p.getShape());
      } else {
        float[] part = new float[n];
        for (int i = 0; i < n; i++) {
          part[i] = (float) v[off + i];
        }
        a = manager.create(part, p.getShape()).toType(p.getDataType(), false);
      }
      out.add(a);
      off += n;
    }
    if (off != v.length) {
      throw new IllegalArgumentException("vector has length " + v.length + ", parameters have "
          + off);
    }
    return out;
  }
}
