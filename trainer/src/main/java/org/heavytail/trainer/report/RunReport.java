package org.heavytail.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.CharacteristicFunctionEstimator;
import org.heavytail.tailstats.estimate.Preprocess;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.stable.StableDistribution;
import org.heavytail.trainer.store.ManifestEntry;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotStore;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a run directory into {@code report.md} plus PNG figures under {@code figures/}, using
 * whatever the run recorded:
 *
 * <ul>
 *   <li>{@code config.json}: listed;
 *   <li>{@code steps.csv} (step, loss) and {@code epochs.csv} (train/test loss and accuracy):
 *       loss and accuracy curves and the epoch table;
 *   <li>the noise-probe records of the snapshot store ({@code snapshots/}, kind {@code noise}):
 *       per layer and probed step, the pooled noise U_i = g_{B_i} − g standardized by median/MAD,
 *       permuted, and read by the block-sum estimator (grid median, bootstrap interval) and the
 *       characteristic-function estimator; α̂ per layer against step with intervals; at the last
 *       probed step the tail on log–log axes, the histogram and the QQ plot against the Gaussian
 *       and the stable law fitted by the characteristic function (α̂, σ̂);
 *   <li>{@code noise.csv} / {@code stats.csv} {@code alpha_*} columns written during training:
 *       α̂ per layer against step (no intervals there);
 *   <li>any CSV whose name mentions {@code curvature}, {@code hessian}, {@code spectrum} or
 *       {@code alignment}: every numeric column against {@code step}; a long-format table
 *       (columns {@code step, scope, quantity, value}, as {@code train --curvature-every} and
 *       {@code hessian} write) gets one figure per quantity with one line per scope.
 * </ul>
 *
 * Missing pieces are skipped and listed under "Not recorded", never invented.
 */
public final class RunReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_NOISE_LAYERS = 4;

  private RunReport() {}

  /**
   * Writes {@code runDir/report.md} and {@code runDir/figures/*.png}.
   *
   * @throws IOException when {@code runDir} is not a directory or a file cannot be read
   */
  public static Path write(Path runDir) throws IOException {
    if (!Files.isDirectory(runDir)) {
      throw new IOException(runDir + ": not a directory; expected a heavytail run directory");
    }
    Path figs = runDir.resolve("figures");
    Files.createDirectories(figs);
    Markdown md = Markdown.titled("Run report: " + runDir.toAbsolutePath().normalize()
        .getFileName());
    List<String> missing = new ArrayList<>();
    config(runDir, md, missing);
    curves(runDir, figs, md, missing);
    probe(runDir, figs, md, missing);
    csvAlphas(runDir, figs, md);
    curvature(runDir, figs, md, missing);
    if (!missing.isEmpty()) {
      md.heading(2, "Not recorded");
      missing.forEach(md::bullet);
      md.endList();
    }
    return md.write(runDir.resolve("report.md"));
  }

  private static void config(Path runDir, Markdown md, List<String> missing) throws IOException {
    Path f = runDir.resolve("config.json");
    if (!Files.exists(f)) {
      missing.add("config.json (not a full heavytail run directory?)");
      return;
    }
    JsonNode n = JSON.readTree(f.toFile());
    md.heading(2, "Configuration");
    StringColumn key = StringColumn.create("key");
    StringColumn value = StringColumn.create("value");
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
      key.append(e.getKey());
      value.append(v.length() > 80 ? v.substring(0, 77) + "..." : v);
    }
    md.table(Table.create("config", key, value));
  }

  private static void curves(Path runDir, Path figs, Markdown md, List<String> missing)
      throws IOException {
    Path steps = runDir.resolve("steps.csv");
    Path epochs = runDir.resolve("epochs.csv");
    if (!Files.exists(steps) && !Files.exists(epochs)) {
      missing.add("steps.csv, epochs.csv (training curves)");
      return;
    }
    md.heading(2, "Training curves");
    if (Files.exists(steps) && Files.size(steps) > 0) {
      Table t = Table.read().csv(steps.toFile());
      if (t.rowCount() > 0 && t.columnNames().contains("loss")) {
        XYChart c = Figures.xy("Minibatch loss", "step", "loss");
        double[] loss = numeric(t, "loss");
        if (allPositive(loss)) {
          c.getStyler().setYAxisLogarithmic(true);
        }
        Figures.line(c, "minibatch loss", numeric(t, "step"), loss);
        double[] smooth = movingAverage(loss, Math.max(1, loss.length / 50));
        Figures.line(c, "moving average", numeric(t, "step"), smooth);
        md.image(runDir, Figures.save(c, figs.resolve("loss.png")), "loss");
      }
    }
    if (Files.exists(epochs) && Files.size(epochs) > 0) {
      Table t = Table.read().csv(epochs.toFile());
      if (t.rowCount() > 0) {
        XYChart c = Figures.xy("Accuracy", "epoch", "accuracy");
        for (String col : List.of("train_accuracy", "test_accuracy")) {
          if (t.columnNames().contains(col)) {
            XYSeries s = Figures.line(c, col, numeric(t, "epoch"), numeric(t, col));
            if (s != null) {
              s.setMarker(SeriesMarkers.CIRCLE);
            }
          }
        }
        if (!c.getSeriesMap().isEmpty()) {
          md.image(runDir, Figures.save(c, figs.resolve("accuracy.png")), "accuracy");
        }
        md.table(t.rowCount() > 20 ? t.last(20) : t);
      }
    }
  }

  /** α̂ of the noise-probe records per (layer, step) with intervals, and noise figures. */
  private static void probe(Path runDir, Path figs, Markdown md, List<String> missing)
      throws IOException {
    Path storeDir = runDir.resolve("snapshots");
    if (!Files.isDirectory(storeDir)) {
      missing.add("snapshots/ (no noise probe records: run with the noise probe on)");
      return;
    }
    SnapshotStore store = SnapshotStore.open(storeDir);
    List<String> layers = new ArrayList<>();
    for (String layer : store.layers().keySet()) {
      if (!store.records(layer, SnapshotKind.NOISE).isEmpty()) {
        layers.add(layer);
      }
    }
    if (layers.isEmpty()) {
      missing.add("noise-probe records in snapshots/ (kind noise)");
      return;
    }
    Table alphas = probeAlphas(store, layers);
    alphas.write().csv(runDir.resolve("report_alpha_noise.csv").toFile());
    md.heading(2, "Tail index of the gradient noise (noise probe)");
    md.paragraph("Per layer and probed step: the noise of all probe minibatches pooled, "
        + "standardized by median/MAD, permuted (seed 0), then block-sum (median over the m "
        + "grid, bootstrap 95% interval) and characteristic-function estimates. alpha-hat >= 1.9 "
        + "is compatible with Gaussian noise.");
    XYChart c = Figures.xy("alpha-hat of gradient noise per layer (block-sum, 95% interval)",
        "step", "alpha-hat");
    for (int i = 0; i < layers.size(); i++) {
      String layer = layers.get(i);
      Table sub = alphas.where(alphas.stringColumn("layer").isEqualTo(layer));
      XYSeries s = Figures.pointsWithIntervals(c, layer, numeric(sub, "step"),
          numeric(sub, "alpha_block_sum"), numeric(sub, "ci_low"), numeric(sub, "ci_high"));
      if (s != null) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    md.image(runDir, Figures.save(c, figs.resolve("alpha_noise.png")), "alpha per layer");
    md.heading(3, "alpha-hat per layer and step (`report_alpha_noise.csv`)").table(alphas);

    // tail figures at the last probed step, for the largest layers
    layers.sort((a, b) -> Integer.compare(lastWidth(store, b), lastWidth(store, a)));
    md.heading(3, "Noise distribution at the last probed step");
    for (String layer : layers.subList(0, Math.min(MAX_NOISE_LAYERS, layers.size()))) {
      List<ManifestEntry> recs = store.records(layer, SnapshotKind.NOISE);
      ManifestEntry last = recs.get(recs.size() - 1);
      float[] x = store.readStep(recs, last.step());
      float[] prepared = Preprocess.forTailIndex(x, new int[x.length], 0L).values();
      TailIndexEstimate cf = safeEstimate(CharacteristicFunctionEstimator.of(), prepared);
      if (cf == null) {
        md.paragraph("**" + layer + "**: " + prepared.length + " values at step " + last.step()
            + ", too few to fit a stable law; no figures.");
        continue;
      }
      double a = Math.min(2.0, Math.max(0.1, cf.alpha()));
      double scale = ((Number) cf.parameters().getOrDefault("scale", 1.0)).doubleValue();
      StableDistribution fitted = StableDistribution.symmetric(a, scale);
      String tag = safe(layer);
      String title = layer + ", step " + last.step();
      md.paragraph(String.format(Locale.ROOT, "**%s** at step %d: n = %d, fitted stable "
          + "alpha = %.3f, scale = %.3g (characteristic function, standardized data).", layer,
          last.step(), prepared.length, cf.alpha(), scale));
      md.image(runDir, NoiseFigures.tail(prepared, fitted, "Noise tail: " + title,
          figs.resolve("noise_tail_" + tag + ".png")), "tail " + layer);
      md.image(runDir, NoiseFigures.histogram(prepared, fitted, "Noise histogram: " + title,
          figs.resolve("noise_hist_" + tag + ".png")), "histogram " + layer);
      md.image(runDir, NoiseFigures.qq(prepared, fitted, "Noise QQ: " + title,
          figs.resolve("noise_qq_" + tag + ".png")), "qq " + layer);
    }
  }

  /** One row per (layer, probed step): block-sum with interval and charfn. */
  public static Table probeAlphas(SnapshotStore store, List<String> layers) throws IOException {
    return probeAlphas(store, layers, true);
  }

  /**
   * One row per (layer, probed step): block-sum with interval, and the characteristic-function
   * α̂ when {@code withCharFn} (else NaN; on a probe of 10⁷ values it costs as much as the
   * block sum).
   */
  public static Table probeAlphas(SnapshotStore store, List<String> layers, boolean withCharFn)
      throws IOException {
    StringColumn layerCol = StringColumn.create("layer");
    LongColumn stepCol = LongColumn.create("step");
    IntColumn nCol = IntColumn.create("n");
    DoubleColumn bs = DoubleColumn.create("alpha_block_sum");
    DoubleColumn lo = DoubleColumn.create("ci_low");
    DoubleColumn hi = DoubleColumn.create("ci_high");
    DoubleColumn cfCol = DoubleColumn.create("alpha_charfn");
    CharacteristicFunctionEstimator charfn = CharacteristicFunctionEstimator.of();
    for (String layer : layers) {
      List<ManifestEntry> recs = store.records(layer, SnapshotKind.NOISE);
      TreeSet<Long> steps = new TreeSet<>();
      recs.forEach(e -> steps.add(e.step()));
      for (long step : steps) {
        float[] x = store.readStep(recs, step);
        float[] p = Preprocess.forTailIndex(x, new int[x.length], 0L).values();
        layerCol.append(layer);
        stepCol.append(step);
        nCol.append(p.length);
        TailIndexEstimate b = blockSum(x, new int[x.length], 0L);
        bs.append(b == null ? Double.NaN : b.alpha());
        lo.append(b == null ? Double.NaN : b.ciLow());
        hi.append(b == null ? Double.NaN : b.ciHigh());
        TailIndexEstimate c = withCharFn ? safeEstimate(charfn, p) : null;
        cfCol.append(c == null ? Double.NaN : c.alpha());
      }
    }
    return Table.create("alpha_noise", layerCol, stepCol, nCol, bs, lo, hi, cfCol);
  }

  /**
   * Block-sum α̂ of {@code x} after {@link Preprocess#forTailIndex} (per-group median/MAD, zeros
   * removed, permuted). Data with symmetric pairs (e.g. the last layer's bias noise, whose
   * coordinates sum to zero) can put two opposite values in one block, a block sum of exactly 0
   * that the estimator refuses; then the permutation is redrawn (seeds seed+1, seed+2). Returns
   * null when all three permutations fail or the sample is too small.
   */
  public static TailIndexEstimate blockSum(float[] x, int[] group, long seed) {
    BlockSumEstimator est = BlockSumEstimator.of();
    for (int attempt = 0; attempt < 3; attempt++) {
      TailIndexEstimate e =
          safeEstimate(est, Preprocess.forTailIndex(x, group, seed + attempt).values());
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  private static TailIndexEstimate safeEstimate(
      org.heavytail.tailstats.estimate.TailIndexEstimator est, float[] x) {
    try {
      return est.estimate(x);
    } catch (IllegalArgumentException e) {
      return null; // too few values for this estimator: shown as NaN ("–") in the table
    }
  }

  private static int lastWidth(SnapshotStore store, String layer) {
    List<ManifestEntry> r = store.records(layer, SnapshotKind.NOISE);
    return r.isEmpty() ? 0 : r.get(r.size() - 1).width();
  }

  /** α̂ columns written during training (noise.csv, stats.csv), per layer against step. */
  private static void csvAlphas(Path runDir, Path figs, Markdown md) throws IOException {
    for (String name : List.of("noise.csv", "stats.csv")) {
      Path f = runDir.resolve(name);
      if (!Files.exists(f) || Files.size(f) == 0) {
        continue;
      }
      Table t = Table.read().csv(f.toFile());
      if (t.rowCount() == 0 || !t.columnNames().contains("layer")
          || !t.columnNames().contains("step")) {
        continue;
      }
      for (String col : t.columnNames()) {
        if (!col.startsWith("alpha_") || !isNumeric(t.column(col))) {
          continue;
        }
        XYChart c = Figures.xy(col + " per layer (" + name + ")", "step", "alpha-hat");
        Map<String, Table> byLayer = new LinkedHashMap<>();
        for (String layer : t.stringColumn("layer").unique()) {
          byLayer.put(layer, t.where(t.stringColumn("layer").isEqualTo(layer)));
        }
        for (Map.Entry<String, Table> e : byLayer.entrySet()) {
          XYSeries s = Figures.line(c, e.getKey(), numeric(e.getValue(), "step"),
              numeric(e.getValue(), col));
          if (s != null) {
            s.setMarker(SeriesMarkers.CIRCLE);
          }
        }
        if (!c.getSeriesMap().isEmpty()) {
          md.heading(2, col + " recorded during training (`" + name + "`)");
          md.image(runDir, Figures.save(c, figs.resolve(name.replace(".csv", "") + "_" + col
              + ".png")), col);
        }
      }
    }
  }

  private static void curvature(Path runDir, Path figs, Markdown md, List<String> missing)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(runDir, 2)) {
      files = s.filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") && (n.contains("curvature") || n.contains("hessian")
            || n.contains("spectrum") || n.contains("alignment"));
      }).sorted().toList();
    }
    if (files.isEmpty()) {
      missing.add("Hessian quantities (no curvature/hessian/spectrum/alignment CSV)");
      return;
    }
    md.heading(2, "Hessian quantities");
    for (Path f : files) {
      Table t = Table.read().csv(f.toFile());
      String x = t.columnNames().contains("step") ? "step" : null;
      md.heading(3, runDir.relativize(f).toString());
      md.table(t.rowCount() > 20 ? t.last(20) : t);
      if (x == null || t.rowCount() < 2) {
        continue;
      }
      if (t.columnNames().containsAll(List.of("scope", "quantity", "value"))) {
        longFormat(runDir, figs, md, f, t);
        continue;
      }
      for (String col : t.columnNames()) {
        if (col.equals(x) || !isNumeric(t.column(col))) {
          continue;
        }
        XYChart c = Figures.xy(col, x, col);
        XYSeries s = Figures.line(c, col, numeric(t, x), numeric(t, col));
        if (s != null) {
          s.setMarker(SeriesMarkers.CIRCLE);
          md.image(runDir, Figures.save(c, figs.resolve(safe(f.getFileName().toString()
              .replace(".csv", "")) + "_" + safe(col) + ".png")), col);
        }
      }
    }
  }

  /** One figure per quantity of a (step, scope, quantity, value) table, one line per scope. */
  private static void longFormat(Path runDir, Path figs, Markdown md, Path f, Table t)
      throws IOException {
    String file = safe(f.getFileName().toString().replace(".csv", ""));
    for (String q : t.stringColumn("quantity").unique().asList()) {
      Table tq = t.where(t.stringColumn("quantity").isEqualTo(q));
      XYChart c = Figures.xy(q, "step", q);
      boolean any = false;
      for (String scope : tq.stringColumn("scope").unique().asList()) {
        Table ts = tq.where(tq.stringColumn("scope").isEqualTo(scope));
        XYSeries s = Figures.line(c, scope, numeric(ts, "step"), numeric(ts, "value"));
        if (s != null) {
          s.setMarker(SeriesMarkers.CIRCLE);
          any = true;
        }
      }
      if (any) {
        md.image(runDir, Figures.save(c, figs.resolve(file + "_" + safe(q) + ".png")), q);
      }
    }
  }

  private static boolean isNumeric(Column<?> c) {
    ColumnType t = c.type();
    return t == ColumnType.DOUBLE || t == ColumnType.FLOAT || t == ColumnType.INTEGER
        || t == ColumnType.LONG || t == ColumnType.SHORT;
  }

  static double[] numeric(Table t, String col) {
    Column<?> c = t.column(col);
    double[] out = new double[c.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = c.get(i);
      out[i] = v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
    return out;
  }

  private static boolean allPositive(double[] v) {
    for (double d : v) {
      if (!(d > 0)) {
        return false;
      }
    }
    return v.length > 0;
  }

  private static double[] movingAverage(double[] v, int w) {
    double[] out = new double[v.length];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      if (i >= w) {
        sum -= v[i - w];
      }
      out[i] = sum / Math.min(i + 1, w);
    }
    return out;
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
