package org.heavytail.sweep.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.heavytail.trainer.sweep.PointRunner;
import org.heavytail.trainer.sweep.Sweep;
import org.heavytail.trainer.sweep.SweepPoint;

/**
 * A {@link Sweep.PointExecutor} that runs each pending point as one Spark task; the task trains
 * the point in a child JVM on the executor's class path ({@link PointRunner#runInChildJvm}: DJL's
 * PyTorch engine trains one model per process at a time, so executor threads cannot share one
 * JVM's libtorch), which writes the point's {@code status.json}; the driver
 * then reads the statuses and writes {@code sweep.csv} and the figures as a local sweep does. The
 * sweep directory must be visible at the same path to the driver and every executor (a shared
 * file system on a cluster; trivially so in {@code local[*]}).
 */
public final class SparkSweep implements Sweep.PointExecutor {

  private final SparkSession spark;
  private final int threadsPerPoint;
  private final String childHeap;

  private SparkSweep(SparkSession spark, int threadsPerPoint, String childHeap) {
    this.spark = spark;
    this.threadsPerPoint = threadsPerPoint;
    this.childHeap = childHeap;
  }

  /** An executor on this session: one libtorch thread and 1 GiB of heap per point. */
  public static SparkSweep of(SparkSession spark) {
    return new SparkSweep(spark, 1, "1g");
  }

  /** An executor on this session with the given libtorch threads and child heap per point. */
  public static SparkSweep of(SparkSession spark, int threadsPerPoint, String childHeap) {
    return new SparkSweep(spark, threadsPerPoint, childHeap);
  }

  @Override
  public void runAll(List<Sweep.Pending> pending) throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<String> tasks = pending.stream()
        .map(p -> p.dir().toAbsolutePath() + "\t" + p.attempt() + "\t" + p.point().id()).toList();
    int threads = threadsPerPoint;
    String heap = childHeap;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> statuses = jsc.parallelize(tasks, tasks.size()).map(t -> {
      String[] f = t.split("\t");
      // a child JVM per point: DJL's PyTorch engine trains one model per process at a time
      return PointRunner.runInChildJvm(Path.of(f[0]), new SweepPoint(f[2], java.util.Map.of()),
          Integer.parseInt(f[1]), threads, heap).status().name();
    }).collect();
    if (statuses.size() != tasks.size()) {
      throw new IOException("spark returned " + statuses.size() + " statuses for " + tasks.size() + " points");
    }
  }

  /**
   * {@code spark-submit --class org.heavytail.sweep.spark.SparkSweep JAR GRID OUT
   * [--retry-failed]}: runs the grid on the session's master.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SparkSweep GRID OUT [--retry-failed]");
      System.exit(2);
    }
    try (SparkSession spark = SparkSession.builder().appName("heavytail-sweep").getOrCreate()) {
      Sweep.Outcome o = Sweep.builder()
          .setGrid(org.heavytail.trainer.sweep.SweepGrid.read(Path.of(args[0])))
          .setOut(Path.of(args[1]))
          .optRetryFailed(args.length > 2 && args[2].equals("--retry-failed"))
          .optExecutor(of(spark)).build().run();
      System.out.printf(java.util.Locale.ROOT, "points: %d (ran %d, skipped %d, failed %d) in %.1f s%n",
          o.results().size(), o.ran(), o.skipped(), o.failed(), o.seconds());
      System.out.println("table: " + o.csv());
    }
  }
}
