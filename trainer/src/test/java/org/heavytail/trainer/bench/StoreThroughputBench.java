package org.heavytail.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotRecord;
import org.heavytail.trainer.store.SnapshotStore;
import org.heavytail.trainer.store.SnapshotWriter;
import org.heavytail.trainer.store.StorageType;

/**
 * Throughput of the snapshot store alone: records shaped like the MNIST MLP's six parameters
 * (235200, 300, 30000, 100, 1000, 10 floats = 266,610 per step) submitted as fast as possible,
 * float32 and float16; reports the submit (training-thread) cost per step, the writer's MB/s and
 * the read-back rate through {@link SnapshotStore#forEachRecord}.
 *
 * <p>Run: {@code mvn -o -q -pl trainer -am test-compile} then {@code java -cp
 * trainer/target/test-classes:trainer/target/classes:$(cat cp.txt)
 * org.heavytail.trainer.bench.StoreThroughputBench [dir] [steps]}.
 */
public final class StoreThroughputBench {

  private static final int[] WIDTHS = {235200, 300, 30000, 100, 1000, 10};

  private StoreThroughputBench() {}

  /** Args: scratch directory (default /tmp/store-bench), steps (default 2000). */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "/tmp/store-bench");
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    for (int round = 0; round < 2; round++) {
      for (StorageType t : StorageType.values()) {
        Path dir = root.resolve(t.label() + "-" + round);
        delete(dir);
        long submitNanos = 0;
        long t0 = System.nanoTime();
        float[][] src = new float[WIDTHS.length][];
        for (int l = 0; l < WIDTHS.length; l++) {
          src[l] = new float[WIDTHS[l]];
          for (int i = 0; i < WIDTHS[l]; i++) {
            src[l][i] = (float) Math.sin(i * 0.37 + l);
          }
        }
        SnapshotWriter.Stats stats;
        try (SnapshotWriter w = SnapshotWriter.builder(dir).optStorageType(t).build()) {
          for (int s = 0; s < steps; s++) {
            long a = System.nanoTime();
            for (int l = 0; l < WIDTHS.length; l++) {
              float[] row = w.borrow(WIDTHS[l]);
              System.arraycopy(src[l], 0, row, 0, WIDTHS[l]);
              w.submit(new SnapshotRecord(s, 0, "p" + l, SnapshotKind.GRADIENT, 1, WIDTHS[l],
                  row));
            }
            submitNanos += System.nanoTime() - a;
          }
          w.flush();
          stats = w.stats();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double mb = stats.valueBytes() / 1e6;
        long r0 = System.nanoTime();
        SnapshotStore store = SnapshotStore.open(dir);
        double[] sum = {0};
        for (int l = 0; l < WIDTHS.length; l++) {
          store.forEachRecord("p" + l, SnapshotKind.GRADIENT, (e, b) -> sum[0] += b.get(0));
        }
        double readSecs = (System.nanoTime() - r0) / 1e9;
        System.out.printf(Locale.ROOT, "%s round %d: %d steps, %.0f MB, submit %.1f us/step, "
            + "write %.0f MB/s (%.2f s), blocked %.2f s, read %.0f MB/s%n", t.label(), round,
            steps, mb, submitNanos / 1e3 / steps, mb / secs, secs, stats.blockedSeconds(),
            mb / readSecs);
        delete(dir);
      }
    }
  }

  private static void delete(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
