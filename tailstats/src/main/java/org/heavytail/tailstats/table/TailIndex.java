package org.heavytail.tailstats.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.CharacteristicFunctionEstimator;
import org.heavytail.tailstats.estimate.HillEstimator;
import org.heavytail.tailstats.estimate.McCullochEstimator;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.estimate.TailIndexEstimator;
import org.heavytail.tailstats.io.CsvColumn;
import org.heavytail.tailstats.io.MappedNpy;
import org.heavytail.tailstats.io.Npy;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.TableSlice;

/**
 * The one entry point to the tail-index estimators for tables, files and the command line.
 *
 * <ul>
 *   <li>Aggregate functions: {@code table.summarize("value", TailIndex.blockSum()).by("layer",
 *       "step")} gives one α̂ per group (column {@code "block-sum alpha [value]"}). A group the
 *       estimator refuses (too few samples, NaN, all equal) yields NaN; use {@link #table} to
 *       see why.
 *   <li>Result tables: {@link #table} returns one row per group with columns of the group keys,
 *       then {@code method, alpha, ci_low, ci_high, confidence, interval, n,
 *       gaussian_compatible, error}.
 *   <li>{@link #estimateAll} runs several methods on one sample; {@link #estimateFile} reads a
 *       {@code .npy} (float32/float64, any shape, flattened) or a CSV column first.
 * </ul>
 * Method names: {@code block-sum}, {@code hill}, {@code mcculloch}, {@code charfn}, and
 * {@code all}.
 */
public final class TailIndex {

  /** Methods run by {@code all}, in order. */
  public static final List<String> ALL = List.of(BlockSumEstimator.NAME, HillEstimator.NAME,
      McCullochEstimator.NAME, CharacteristicFunctionEstimator.NAME);

  private TailIndex() {}

  /** α̂ by the block-sum estimator (median over the default grid) as a Tablesaw aggregate. */
  public static NumericAggregateFunction blockSum() {
    return of(BlockSumEstimator.of());
  }

  /** α̂ by Hill's estimator with the double-bootstrap k, as a Tablesaw aggregate. */
  public static NumericAggregateFunction hill() {
    return of(HillEstimator.doubleBootstrap());
  }

  /** α̂ by McCulloch's quantile method, as a Tablesaw aggregate. */
  public static NumericAggregateFunction mcculloch() {
    return of(McCullochEstimator.of());
  }

  /** α̂ by Koutrouvelis' characteristic-function regression, as a Tablesaw aggregate. */
  public static NumericAggregateFunction charfn() {
    return of(CharacteristicFunctionEstimator.of());
  }

  /** Any estimator's α̂ as a Tablesaw aggregate named "{name} alpha"; NaN for a refused group. */
  public static NumericAggregateFunction of(TailIndexEstimator estimator) {
    return new NumericAggregateFunction(estimator.name() + " alpha") {
      @Override
      public Double summarize(NumericColumn<?> column) {
        try {
          return estimator.estimate(floats(column)).alpha();
        } catch (IllegalArgumentException e) {
          return Double.NaN;
        }
      }
    };
  }

  /**
   * One row per group of {@code groupColumns} (all rows when none) and per estimator, with the
   * group keys and the estimate's fields. A refused group gets NaN numbers and the message in
   * {@code error}.
   */
  public static Table table(Table source, String valueColumn, List<TailIndexEstimator> estimators,
      String... groupColumns) {
    List<Column<?>> keys = new ArrayList<>();
    for (String g : groupColumns) {
      keys.add(source.column(g).emptyCopy());
    }
    StringColumn method = StringColumn.create("method");
    DoubleColumn alpha = DoubleColumn.create("alpha");
    DoubleColumn lo = DoubleColumn.create("ci_low");
    DoubleColumn hi = DoubleColumn.create("ci_high");
    DoubleColumn conf = DoubleColumn.create("confidence");
    StringColumn kind = StringColumn.create("interval");
    LongColumn n = LongColumn.create("n");
    BooleanColumn gauss = BooleanColumn.create("gaussian_compatible");
    StringColumn error = StringColumn.create("error");
    List<Table> groups = new ArrayList<>();
    if (groupColumns.length == 0) {
      groups.add(source);
    } else {
      for (TableSlice s : source.splitOn(groupColumns)) {
        groups.add(s.asTable());
      }
    }
    for (Table g : groups) {
      float[] x = floats(g.numberColumn(valueColumn));
      for (TailIndexEstimator est : estimators) {
        for (int k = 0; k < groupColumns.length; k++) {
          appendFirst(keys.get(k), g.column(groupColumns[k]));
        }
        method.append(est.name());
        try {
          TailIndexEstimate e = est.estimate(x);
          alpha.append(e.alpha());
          lo.append(e.ciLow());
          hi.append(e.ciHigh());
          conf.append(e.confidence());
          kind.append(e.intervalKind());
          n.append(e.n());
          gauss.append(e.gaussianCompatible());
          error.append("");
        } catch (IllegalArgumentException ex) {
          alpha.append(Double.NaN);
          lo.append(Double.NaN);
          hi.append(Double.NaN);
          conf.append(Double.NaN);
          kind.append("");
          n.append(x.length);
          gauss.append(false);
          error.append(ex.getMessage());
        }
      }
    }
    Table out = Table.create(source.name() + " tail index");
    for (Column<?> c : keys) {
      out.addColumns(c);
    }
    return out.addColumns(method, alpha, lo, hi, conf, kind, n, gauss, error);
  }

  /** {@link #table} with one estimator. */
  public static Table table(Table source, String valueColumn, TailIndexEstimator estimator,
      String... groupColumns) {
    return table(source, valueColumn, List.of(estimator), groupColumns);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void appendFirst(Column target, Column from) {
    target.append(from, 0);
  }

  /**
   * The estimator for a method name; {@code blockSizes} (optional) fixes block-sum's m (one
   * value) or its grid (several).
   *
   * @throws IllegalArgumentException naming the method and the known ones
   */
  public static TailIndexEstimator estimator(String method, int... blockSizes) {
    Map<String, Supplier<TailIndexEstimator>> known = registry(blockSizes);
    Supplier<TailIndexEstimator> s = known.get(method.toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new IllegalArgumentException("unknown tail-index method '" + method + "'; expected one"
          + " of " + known.keySet() + " or all");
    }
    return s.get();
  }

  private static Map<String, Supplier<TailIndexEstimator>> registry(int[] blockSizes) {
    Map<String, Supplier<TailIndexEstimator>> m = new LinkedHashMap<>();
    m.put(BlockSumEstimator.NAME, () -> blockSizes.length == 0 ? BlockSumEstimator.of()
        : BlockSumEstimator.of(blockSizes));
    m.put(HillEstimator.NAME, HillEstimator::doubleBootstrap);
    m.put(McCullochEstimator.NAME, McCullochEstimator::of);
    m.put(CharacteristicFunctionEstimator.NAME, CharacteristicFunctionEstimator::of);
    return m;
  }

  /** Expands {@code all} and checks every name. */
  public static List<String> methods(List<String> requested) {
    List<String> out = new ArrayList<>();
    for (String r : requested) {
      if (r.equalsIgnoreCase("all")) {
        out.addAll(ALL);
      } else {
        estimator(r);
        out.add(r.toLowerCase(Locale.ROOT));
      }
    }
    return out.stream().distinct().toList();
  }

  /** Runs each method on {@code x} and returns the estimates in order. */
  public static List<TailIndexEstimate> estimateAll(float[] x, List<String> methods,
      int... blockSizes) {
    List<TailIndexEstimate> out = new ArrayList<>();
    for (String m : methods(methods)) {
      out.add(estimator(m, blockSizes).estimate(x));
    }
    return out;
  }

  /**
   * Reads {@code file} ({@code .npy}, or {@code .csv} with {@code column}) and runs the methods.
   * A block-sum-only run on a {@code .npy} streams the file through a memory map.
   */
  public static List<TailIndexEstimate> estimateFile(Path file, String column,
      List<String> methods, int... blockSizes) throws IOException {
    List<String> ms = methods(methods);
    boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    if (npy && ms.equals(List.of(BlockSumEstimator.NAME))) {
      try (MappedNpy m = MappedNpy.open(file)) {
        BlockSumEstimator e = (BlockSumEstimator) estimator(BlockSumEstimator.NAME, blockSizes);
        return List.of(e.estimate(m));
      }
    }
    return estimateAll(load(file, column), ms, blockSizes);
  }

  /** The values of a {@code .npy} file (flattened) or of a CSV column, as floats. */
  public static float[] load(Path file, String column) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return Npy.readFloats(file);
    }
    if (name.endsWith(".csv")) {
      if (column == null) {
        throw new IllegalArgumentException(file + ": a CSV file needs a column name (--column)");
      }
      double[] d = CsvColumn.read(file, column);
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return f;
    }
    throw new IllegalArgumentException(file + ": unknown file type; expected .npy or .csv");
  }

  private static float[] floats(NumericColumn<?> c) {
    double[] d = c.asDoubleArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Override
  public String toString() {
    return "TailIndex" + Arrays.toString(ALL.toArray());
  }
}
