package org.heavytail.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Consumer;
import org.heavytail.trainer.loop.Training;

/**
 * Thread CPU time of single DJL calls on tiny arrays (the fixed cost each op adds to a step):
 * in-place add, an op that allocates, a scalar read-back, NDScope open/close.
 *
 * <p>Usage: {@code OpOverhead} (one intra-op thread recommended).
 */
public final class OpOverhead {
  private OpOverhead() {}

  public static void main(String[] args) {
    Training.configureThreads();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.ones(new ai.djl.ndarray.types.Shape(10));
      NDArray b = m.ones(new ai.djl.ndarray.types.Shape(10));
      NDArray s = m.create(1f);
      NDArray big = m.ones(new ai.djl.ndarray.types.Shape(300, 784));
      NDArray big2 = m.ones(new ai.djl.ndarray.types.Shape(300, 784));
      time(tb, "addi (in place, 10)", 20000, i -> a.addi(b));
      time(tb, "add (allocates, 10) + close", 20000, i -> a.add(b).close());
      time(tb, "mul(Number) (10) + close", 20000, i -> a.mul(0.1f).close());
      time(tb, "sum() (10) + close", 20000, i -> a.sum().close());
      time(tb, "getFloat (scalar)", 20000, i -> s.getFloat());
      time(tb, "toFloatArray (10)", 20000, i -> a.toFloatArray());
      time(tb, "NDScope open+close", 20000, i -> new NDScope().close());
      time(tb, "scope{add}", 20000, i -> {
        try (NDScope sc = new NDScope()) {
          a.add(b);
        }
      });
      time(tb, "zeroGrad-like muli(0) (10)", 20000, i -> a.muli(0));
      time(tb, "subi (in place, 300x784)", 2000, i -> big.subi(big2));
      time(tb, "mul(Number) 300x784 + close", 2000, i -> big.mul(0.1f).close());
      time(tb, "sum 300x784 + close", 2000, i -> big.sum().close());
      time(tb, "sgdUpdate 300x784 (clone inside)", 2000,
          i -> JniUtils.sgdUpdate((PtNDArray) big, (PtNDArray) big2, null, 0f, 0f, 1f, -1f, 0f));
      time(tb, "toType(INT64) scalar + getLong", 20000, i -> {
        try (NDArray t = s.toType(DataType.INT64, false)) {
          t.getLong();
        }
      });
    }
  }

  private static void time(ThreadMXBean tb, String what, int n, Consumer<Integer> op) {
    for (int i = 0; i < n / 4; i++) {
      op.accept(i);
    }
    long c = tb.getCurrentThreadCpuTime();
    long w = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.accept(i);
    }
    System.out.printf(Locale.ROOT, "%-36s %8.2f us thread CPU  %8.2f us wall%n", what,
        (tb.getCurrentThreadCpuTime() - c) / 1e3 / n, (System.nanoTime() - w) / 1e3 / n);
  }
}
