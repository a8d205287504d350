package org.heavytail.datasets.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;

/**
 * Load-time benchmark (not a unit test): MNIST train set gz → float array, warm (median of
 * repeated loads after warm-up); CIFAR-10 first load from the JPEG archive into a fresh cache,
 * then cached loads of train and test.
 *
 * <p>Run: {@code java -cp <test classpath> org.heavytail.datasets.bench.DatasetsBench [reps]}
 * (see benchmarks/datasets.md for the exact command).
 */
public final class DatasetsBench {

  private DatasetsBench() {}

  /** Entry point; argument: repetitions for the warm MNIST timing (default 15). */
  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path cache = Files.createTempDirectory("heavytail-bench-cache");
    DataLocation loc = DataLocation.builder().optCacheDir(cache).build();
    System.out.printf(Locale.ROOT, "cores %d, max heap %d MiB, java %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));

    long c0 = System.nanoTime();
    DataSets.load(DataSetId.MNIST, Split.TRAIN, loc);
    System.out.printf(Locale.ROOT, "%-45s %.3f s%n", "MNIST train gz -> float[] (first, cold JVM)",
        (System.nanoTime() - c0) / 1e9);
    double[] mnist = new double[reps];
    for (int w = 0; w < 5; w++) {
      DataSets.load(DataSetId.MNIST, Split.TRAIN, loc);
    }
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      ArrayData d = DataSets.load(DataSetId.MNIST, Split.TRAIN, loc);
      mnist[r] = (System.nanoTime() - t0) / 1e9;
      if (d.size() != 60_000) {
        throw new AssertionError("MNIST size " + d.size());
      }
    }
    report("MNIST train gz -> float[] (warm)", mnist);

    long t0 = System.nanoTime();
    ArrayData train = DataSets.load(DataSetId.CIFAR10, Split.TRAIN, loc);
    double first = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%-45s %.3f s (%d images, decode + cache write of both"
        + " splits)%n", "CIFAR-10 train first load (JPEG archive)", first, train.size());
    double[] second = new double[reps];
    double[] secondTest = new double[reps];
    for (int r = 0; r < reps; r++) {
      long a = System.nanoTime();
      ArrayData t = DataSets.load(DataSetId.CIFAR10, Split.TRAIN, loc);
      second[r] = (System.nanoTime() - a) / 1e9;
      long b = System.nanoTime();
      ArrayData te = DataSets.load(DataSetId.CIFAR10, Split.TEST, loc);
      secondTest[r] = (System.nanoTime() - b) / 1e9;
      if (t.size() != 50_000 || te.size() != 10_000) {
        throw new AssertionError("CIFAR sizes " + t.size() + " " + te.size());
      }
    }
    report("CIFAR-10 train cached load -> float[]", second);
    report("CIFAR-10 test cached load -> float[]", secondTest);
    System.out.println("cache dir " + cache + " (delete it after the run)");
  }

  private static void report(String what, double[] s) {
    double[] c = s.clone();
    Arrays.sort(c);
    System.out.printf(Locale.ROOT, "%-45s median %.3f s, min %.3f s, max %.3f s (n=%d)%n", what,
        c[c.length / 2], c[0], c[c.length - 1], c.length);
  }
}
