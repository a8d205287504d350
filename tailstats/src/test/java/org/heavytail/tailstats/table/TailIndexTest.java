package org.heavytail.tailstats.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.HillEstimator;
import org.heavytail.tailstats.estimate.Samples;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TailIndexTest {

  @TempDir Path dir;

  /** Two layers × two steps, 20000 values each; layer "b" is Gaussian, "a" is SαS(1.2). */
  private static Table table() {
    int per = 20_000;
    StringColumn layer = StringColumn.create("layer");
    IntColumn step = IntColumn.create("step");
    DoubleColumn value = DoubleColumn.create("value");
    for (String l : new String[] {"a", "b"}) {
      for (int s = 0; s < 2; s++) {
        float[] x = l.equals("a") ? Samples.sas(1.2, per, 10 + s) : Samples.gaussian(per, 20 + s);
        for (float v : x) {
          layer.append(l);
          step.append(s);
          value.append(v);
        }
      }
    }
    // one tiny group the estimator must refuse
    layer.append("c");
    step.append(0);
    value.append(1.0);
    return Table.create("grads", layer, step, value);
  }

  @Test
  void summarizeByGroups() {
    Table t = table();
    Table s = t.summarize("value", TailIndex.blockSum(), TailIndex.hill(), TailIndex.mcculloch()).by("layer", "step");
    assertEquals(5, s.rowCount());
    DoubleColumn a = s.doubleColumn("block-sum alpha [value]");
    for (int r = 0; r < s.rowCount(); r++) {
      String layer = s.stringColumn("layer").get(r);
      if (layer.equals("a")) {
        assertEquals(1.2, a.get(r), 0.08);
        assertEquals(1.2, s.doubleColumn("mcculloch alpha [value]").get(r), 0.1);
      } else if (layer.equals("b")) {
        assertEquals(2.0, a.get(r), 0.1);
      } else {
        assertTrue(a.isMissing(r), "refused group gives NaN (missing in Tablesaw)");
      }
    }
  }

  @Test
  void resultTable() {
    Table r = TailIndex.table(table(), "value", List.of(BlockSumEstimator.of(),
        HillEstimator.ofFraction(0.02)), "layer", "step");
    assertEquals(10, r.rowCount());
    assertEquals(List.of("layer", "step", "method", "alpha", "ci_low", "ci_high", "confidence",
        "interval", "n", "gaussian_compatible", "error"), r.columnNames());
    assertEquals("b", r.stringColumn("layer").get(4));
    assertEquals(0, r.intColumn("step").get(4));
    assertEquals("block-sum", r.stringColumn("method").get(4));
    assertTrue(r.booleanColumn("gaussian_compatible").get(4));
    assertEquals(20_000L, r.longColumn("n").get(4));
    assertTrue(r.stringColumn("error").get(8).startsWith("block-sum: too few samples: found 1"),
        r.stringColumn("error").get(8));
  }

  @Test
  void estimateFileAndNames() throws Exception {
    float[] x = Samples.sas(1.5, 100_000, 3);
    Path f = dir.resolve("x.npy");
    Npy.write(f, x);
    List<TailIndexEstimate> all = TailIndex.estimateFile(f, null, List.of("all"));
    assertEquals(TailIndex.ALL, all.stream().map(TailIndexEstimate::method).toList());
    TailIndexEstimate mapped = TailIndex.estimateFile(f, null, List.of("block-sum")).get(0);
    assertEquals(all.get(0).alpha(), mapped.alpha(), 1e-12);
    Path csv = dir.resolve("x.csv");
    StringBuilder sb = new StringBuilder("step,value\n");
    for (int i = 0; i < 5000; i++) {
      sb.append(i).append(',').append(x[i]).append('\n');
    }
    Files.writeString(csv, sb);
    assertEquals(5000, TailIndex.load(csv, "value").length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TailIndex.estimator("kurtosis"));
    assertTrue(e.getMessage().contains("'kurtosis'") && e.getMessage().contains("block-sum"));
  }
}
