package org.heavytail.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.heavytail.trainer.loop.Training;

/**
 * Thread CPU and wall time of the MLP's GEMM shapes in DJL's bundled libtorch (to compare with
 * the peer's BLAS on the same shapes). Usage: {@code MatmulBench}.
 */
public final class MatmulBench {
  private MatmulBench() {}

  public static void main(String[] args) {
    Training.configureThreads();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    long[][] shapes = {
      {128, 784, 300}, {128, 300, 100}, {128, 100, 10}, {300, 128, 784}, {128, 300, 784},
      {100, 128, 300}, {128, 100, 300}
    };
    try (NDManager m = NDManager.newBaseManager()) {
      for (long[] s : shapes) {
        NDArray a = m.randomNormal(new Shape(s[0], s[1]));
        NDArray b = m.randomNormal(new Shape(s[1], s[2]));
        for (int i = 0; i < 50; i++) {
          a.matMul(b).close();
        }
        int n = 2000;
        long c = tb.getCurrentThreadCpuTime();
        long w = System.nanoTime();
        for (int i = 0; i < n; i++) {
          a.matMul(b).close();
        }
        double cpu = (tb.getCurrentThreadCpuTime() - c) / 1e9;
        double wall = (System.nanoTime() - w) / 1e9;
        System.out.printf(Locale.ROOT, "(%d,%d)x(%d,%d) %.1f us thread CPU %.1f us wall %.1f GFLOP/s(cpu)%n",
            s[0], s[1], s[1], s[2], 1e6 * cpu / n, 1e6 * wall / n, 2.0 * s[0] * s[1] * s[2] * n / cpu / 1e9);
      }
    }
  }
}
