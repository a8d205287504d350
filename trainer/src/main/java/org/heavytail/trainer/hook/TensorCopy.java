package org.heavytail.trainer.hook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Copies lent NDArrays into Java arrays through a zero-copy view of the tensor's memory. */
final class TensorCopy {

  private TensorCopy() {}

  /** A view of {@code a}'s float32 values, valid while {@code a} lives (the listener call). */
  static FloatBuffer view(NDArray a) {
    if (a.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("snapshot hooks need float32 parameters; "
          + a.getName() + " is " + a.getDataType());
    }
    return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** Copies all values (idx == null) or the values at {@code idx} into {@code dst[off..]}. */
  static void copy(FloatBuffer src, int[] idx, float[] dst, int off) {
    if (idx == null) {
      src.get(0, dst, off, src.limit());
    } else {
      for (int i = 0; i < idx.length; i++) {
        dst[off + i] = src.get(idx[i]);
      }
    }
  }

  /** Copies the values at {@code idx} (all when null) of a Java array into {@code dst}. */
  static void gather(float[] src, int[] idx, float[] dst) {
    if (idx == null) {
      System.arraycopy(src, 0, dst, 0, src.length);
    } else {
      for (int i = 0; i < idx.length; i++) {
        dst[i] = src[idx[i]];
      }
    }
  }

  static int[] toInt(long[] idx) {
    if (idx == null) {
      return null;
    }
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = Math.toIntExact(idx[i]);
    }
    return out;
  }
}
