package org.heavytail.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.trainer.sweep.PointResult;
import org.heavytail.trainer.sweep.Sweep;
import org.heavytail.trainer.sweep.SweepGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Spark local mode, no network: exact tail-index merge and a 4-point grid. */
class SparkSweepTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("heavytail-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Symmetric Pareto-type sample: |X| = U^(-1/α), tail index α. */
  private static float[] heavy(int n, double alpha, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double v = Math.pow(1 - r.nextDouble(), -1 / alpha);
      x[i] = (float) (r.nextBoolean() ? v : -v);
    }
    return x;
  }

  @Test
  void mergedAlphaOverPartitionsEqualsSingleMachineAlpha() {
    BlockSumAggregator agg = BlockSumAggregator.of();
    int l = agg.superblockLength();
    float[] series = heavy(60 * l, 1.5, 42);
    double single = BlockSumEstimator.of().estimate(series).alpha();
    // 3 superblocks per chunk, 20 chunks, shuffled over 5 partitions: merge order is Spark's
    List<ValueChunk> chunks = ValueChunk.split(series, l, 3);
    assertEquals(20, chunks.size());
    Dataset<ValueChunk> ds = spark.createDataset(chunks, Encoders.bean(ValueChunk.class)).repartition(5);
    assertEquals(5, ds.rdd().getNumPartitions());
    double merged = ds.select(agg.toColumn()).first();
    assertEquals(single, merged, 1e-9);
    assertTrue(Double.isFinite(single) && single > 0.5 && single < 3, "alpha " + single);
  }

  @Test
  void fourPointGridRunsOnLocalMode(@TempDir Path tmp) throws Exception {
    Path gridFile = tmp.resolve("grid.yaml");
    Files.writeString(gridFile, """
        base: {model: "mlp:784-32-10:relu", subset: 1000, steps: 20, checkpoint-every: 0}
        axes: {lr: [0.05, 0.1], batch-size: [32, 64]}
        """);
    Path out = tmp.resolve("sweep");
    Sweep.Outcome o = Sweep.builder().setGrid(SweepGrid.read(gridFile)).setOut(out)
        .optExecutor(SparkSweep.of(spark)).build().run();
    assertEquals(4, o.ran());
    for (PointResult r : o.results()) {
      assertEquals(PointResult.Status.DONE, r.status(), String.valueOf(r.error()));
      assertEquals(20, r.steps());
      assertTrue(r.testAccuracy() > 0.3, "accuracy " + r.testAccuracy());
    }
    Table t = Table.read().csv(out.resolve("sweep.csv").toFile());
    assertEquals(4, t.rowCount());
    // a rerun skips every finished point
    Sweep.Outcome again = Sweep.builder().setGrid(SweepGrid.read(gridFile)).setOut(out)
        .optExecutor(SparkSweep.of(spark)).build().run();
    assertEquals(0, again.ran());
    assertEquals(4, again.skipped());
  }
}
