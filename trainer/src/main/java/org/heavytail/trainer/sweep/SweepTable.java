package org.heavytail.trainer.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heavytail.trainer.report.Figures;
import org.heavytail.trainer.report.RowTable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The merged summary of a sweep: one row per point with its axis values, status, attempts, steps,
 * {@code test_loss}, {@code test_accuracy}, {@code steps_per_s}, {@code seconds}, {@code
 * noise_alpha} (only when the grid has a noise probe) and {@code error}; and per swept axis a
 * figure of the final test loss of every finished point against that axis's value, with the mean
 * over the other axes.
 */
public final class SweepTable {

  private SweepTable() {}

  /** The summary table of {@code results} (in grid order). */
  public static Table table(SweepGrid grid, List<PointResult> results) {
    RowTable<PointResult> t = RowTable.of("sweep", results).addString("id", PointResult::id);
    for (String axis : grid.axes().keySet()) {
      t.addString(axis, r -> r.values().get(axis));
    }
    t.addString("status", r -> r.status().name().toLowerCase(java.util.Locale.ROOT))
        .addInt("attempts", PointResult::attempts)
        .addLong("steps", PointResult::steps)
        .addDouble("test_loss", PointResult::testLoss)
        .addDouble("test_accuracy", PointResult::testAccuracy)
        .addDouble("steps_per_s", PointResult::stepsPerSecond)
        .addDouble("seconds", PointResult::seconds);
    if (grid.noise() != null) {
      t.addDouble("noise_alpha", PointResult::noiseAlpha);
    }
    return t.addString("error", r -> r.error() == null ? "" : r.error().replace('\n', ' '))
        .build();
  }

  /** Writes {@link #table} as CSV at {@code file}. */
  public static Path writeCsv(Path file, SweepGrid grid, List<PointResult> results) throws IOException {
    table(grid, results).write().csv(file.toFile());
    return file;
  }

  /**
   * Writes {@code fig-<axis>.png} into {@code dir} for every axis with two or more values: test
   * loss against the axis value (numeric axes on an x axis, logarithmic when the values span a
   * factor ≥ 10; other axes as categories). Failed points are left out.
   */
  public static List<Path> writeFigures(Path dir, SweepGrid grid, List<PointResult> results)
      throws IOException {
    List<Path> out = new ArrayList<>();
    List<PointResult> done = results.stream()
        .filter(r -> r.status() == PointResult.Status.DONE && Double.isFinite(r.testLoss())).toList();
    for (Map.Entry<String, List<String>> e : grid.axes().entrySet()) {
      String axis = e.getKey();
      if (e.getValue().size() < 2) {
        continue;
      }
      Map<String, List<Double>> byValue = new LinkedHashMap<>();
      e.getValue().forEach(v -> byValue.put(v, new ArrayList<>()));
      done.forEach(r -> byValue.get(r.values().get(axis)).add(r.testLoss()));
      Path file = dir.resolve("fig-" + safe(axis) + ".png");
      String title = "Final test loss vs " + axis + " (" + done.size() + " finished points)";
      double[] xs = numeric(e.getValue());
      if (xs != null) {
        XYChart c = Figures.xy(title, axis, "test loss");
        double min = java.util.Arrays.stream(xs).min().orElse(1);
        double max = java.util.Arrays.stream(xs).max().orElse(1);
        if (min > 0 && max / min >= 10) {
          c.getStyler().setXAxisLogarithmic(true);
        }
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        int k = 0;
        for (List<Double> ys : byValue.values()) {
          for (double y : ys) {
            px.add(xs[k]);
            py.add(y);
          }
          if (!ys.isEmpty()) {
            mx.add(xs[k]);
            my.add(ys.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
          }
          k++;
        }
        if (!px.isEmpty()) {
          Figures.points(c, "points", unbox(px), unbox(py));
          Figures.line(c, "mean over other axes", unbox(mx), unbox(my));
        }
        out.add(Figures.save(c, file));
      } else {
        CategoryChart c = new CategoryChartBuilder().width(Figures.WIDTH).height(Figures.HEIGHT)
            .title(title).xAxisTitle(axis).yAxisTitle("mean test loss").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setSeriesColors(new Color[] {Figures.color(0)});
        List<String> cats = new ArrayList<>();
        List<Number> means = new ArrayList<>();
        byValue.forEach((v, ys) -> {
          if (!ys.isEmpty()) {
            cats.add(v);
            means.add(ys.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
          }
        });
        if (!cats.isEmpty()) {
          c.addSeries("mean over other axes", cats, means);
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        out.add(file);
      }
    }
    return out;
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9.+=-]", "~");
  }

  private static double[] unbox(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] numeric(List<String> values) {
    double[] x = new double[values.size()];
    for (int i = 0; i < x.length; i++) {
      try {
        x[i] = Double.parseDouble(values.get(i));
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(x[i])) {
        return null;
      }
    }
    return x;
  }
}
