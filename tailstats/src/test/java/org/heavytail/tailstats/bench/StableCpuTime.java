package org.heavytail.tailstats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Thread CPU time (not wall time) of the one-thread StableBenchmark workloads, median of 15 runs
 * after 10 warm-up runs: on a shared, oversubscribed machine CPU time is what a job costs, and it
 * is compared with the peer's process CPU time from {@code benchmarks/stable_scipy.py}. Prints
 * one RESULT {json} line.
 */
public final class StableCpuTime {

  private StableCpuTime() {}

  interface Work {
    void run();
  }

  private static double medianCpuMs(Work w) {
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 10; i++) {
      w.run();
    }
    double[] t = new double[15];
    for (int i = 0; i < t.length; i++) {
      long c = tb.getCurrentThreadCpuTime();
      w.run();
      t[i] = (tb.getCurrentThreadCpuTime() - c) / 1e6;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }

  public static void main(String[] args) {
    StableBenchmark b = new StableBenchmark();
    b.setup();
    double[] sink = new double[1];
    double sample = medianCpuMs(() -> sink[0] += b.sample1e6OneThread()[0]);
    double pdf = medianCpuMs(() -> sink[0] += b.pdf1000OneThread());
    double fit = medianCpuMs(() -> sink[0] += b.mcculloch1e5().alpha());
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT {\"sample1e6_cpu_ms\": %.3f, \"pdf1000_cpu_ms\": %.3f, \"mcculloch1e5_cpu_ms\": %.3f}",
            sample, pdf, fit));
    if (Double.isNaN(sink[0])) {
      System.out.println();
    }
  }
}
