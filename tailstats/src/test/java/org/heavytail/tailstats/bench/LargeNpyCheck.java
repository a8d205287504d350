package org.heavytail.tailstats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.io.MappedNpy;
import org.heavytail.tailstats.io.NpyDType;
import org.heavytail.tailstats.io.NpyWriter;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * Manual check of the &gt; 2 GiB path (too big for a unit test): streams N float32 SαS(1.5)
 * samples (default 6·10⁸, 2.4 GB) to a {@code .npy} with {@link NpyWriter}, maps it with
 * {@link MappedNpy} (1 GiB segments), spot-checks elements across segment boundaries against a
 * regenerated stream, and runs the block-sum estimator on the map. Deletes the file.
 *
 * <p>Run: {@code java -Xmx1g -cp ... org.heavytail.tailstats.bench.LargeNpyCheck [dir] [n]}
 */
public final class LargeNpyCheck {

  private LargeNpyCheck() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    long n = args.length > 1 ? Long.parseLong(args[1]) : 600_000_000L;
    Path f = dir.resolve("heavytail-large-check.npy");
    StableDistribution law = StableDistribution.symmetric(1.5, 1);
    int chunk = 1 << 22;
    float[] buf = new float[chunk];
    long t0 = System.nanoTime();
    try (NpyWriter w = NpyWriter.open(f, NpyDType.FLOAT32, n)) {
      SplittableRandom rng = new SplittableRandom(5);
      for (long i = 0; i < n; i += chunk) {
        int len = (int) Math.min(chunk, n - i);
        for (int j = 0; j < len; j++) {
          buf[j] = (float) law.sample(rng);
        }
        w.write(buf, 0, len);
      }
    }
    long t1 = System.nanoTime();
    try (MappedNpy m = MappedNpy.open(f)) {
      // regenerate and compare elements at and around every segment boundary
      SplittableRandom rng = new SplittableRandom(5);
      long perSegment = MappedNpy.DEFAULT_SEGMENT_BYTES / 4;
      int checked = 0;
      for (long i = 0; i < n; i++) {
        float want = (float) law.sample(rng);
        long r = i % perSegment;
        if (r < 3 || r > perSegment - 3) {
          if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(m.getFloat(i))) {
            throw new AssertionError("element " + i + ": " + m.getFloat(i) + " != " + want);
          }
          checked++;
        }
      }
      long t2 = System.nanoTime();
      TailIndexEstimate e = BlockSumEstimator.of(1000).estimate(m);
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "n = %d (%.2f GB, %d segments): write %.1f s, %d boundary"
          + " elements equal, block-sum m=1000 alpha = %.4f [%.4f, %.4f] in %.2f s%n", n,
          Files.size(f) / 1e9, m.segmentCount(), (t1 - t0) / 1e9, checked, e.alpha(), e.ciLow(),
          e.ciHigh(), (t3 - t2) / 1e9);
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
