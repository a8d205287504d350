package org.heavytail.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;
import org.heavytail.trainer.loop.Training;

/**
 * Thread CPU of LeNet-5's forward ops in DJL's libtorch, no autograd (to compare op by op with
 * the peer). Usage: {@code LeNetOps}.
 */
public final class LeNetOps {
  private LeNetOps() {}

  public static void main(String[] args) {
    Training.configureThreads();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(128, 1, 28, 28));
      NDArray w1 = m.randomNormal(new Shape(6, 1, 5, 5));
      NDArray b1 = m.zeros(new Shape(6));
      NDArray a1 = m.randomNormal(new Shape(128, 6, 28, 28));
      NDArray p1 = m.randomNormal(new Shape(128, 6, 14, 14));
      NDArray w2 = m.randomNormal(new Shape(16, 6, 5, 5));
      NDArray b2 = m.zeros(new Shape(16));
      NDArray a2 = m.randomNormal(new Shape(128, 16, 10, 10));
      time(tb, "conv1 128x1x28x28 k5 p2", () -> Conv2d.conv2d(x, w1, b1, new Shape(1, 1),
          new Shape(2, 2), new Shape(1, 1)));
      time(tb, "relu 128x6x28x28", () -> a1.getNDArrayInternal().relu());
      time(tb, "maxpool2 128x6x28x28", () -> Pool.maxPool2d(a1, new Shape(2, 2), new Shape(2, 2),
          new Shape(0, 0), false));
      time(tb, "conv2 128x6x14x14 k5", () -> Conv2d.conv2d(p1, w2, b2, new Shape(1, 1),
          new Shape(0, 0), new Shape(1, 1)));
      time(tb, "maxpool2 128x16x10x10", () -> Pool.maxPool2d(a2, new Shape(2, 2), new Shape(2, 2),
          new Shape(0, 0), false));
    }
  }

  private static void time(ThreadMXBean tb, String what, Supplier<Object> op) {
    for (int i = 0; i < 20; i++) {
      close(op.get());
    }
    int n = 200;
    long c = tb.getCurrentThreadCpuTime();
    long w = System.nanoTime();
    for (int i = 0; i < n; i++) {
      close(op.get());
    }
    System.out.printf(Locale.ROOT, "%-28s %8.1f us thread CPU %8.1f us wall%n", what,
        (tb.getCurrentThreadCpuTime() - c) / 1e3 / n, (System.nanoTime() - w) / 1e3 / n);
  }

  private static void close(Object o) {
    if (o instanceof ai.djl.ndarray.NDList l) {
      l.close();
    } else if (o instanceof NDArray a) {
      a.close();
    }
  }
}
