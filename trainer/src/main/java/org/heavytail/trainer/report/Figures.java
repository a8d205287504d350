package org.heavytail.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG figures with XChart, drawn headless and offline. A figure is an {@link XYChart} made by
 * {@link #xy}; series are added with {@link #line}, {@link #points}, {@link #band}; {@link
 * #save} writes it. Points that a logarithmic axis cannot show (≤ 0, NaN) are dropped, never
 * plotted as garbage.
 */
public final class Figures {

  /** Default size in pixels: small enough to commit, large enough to read. */
  public static final int WIDTH = 720;

  /** Default height in pixels. */
  public static final int HEIGHT = 480;

  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
    new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75),
    new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Figures() {}

  /** The i-th colour of the palette (cycling), to colour related series alike. */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** A styled empty chart with a legend at the top right. */
  public static XYChart xy(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    org.knowm.xchart.style.XYStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setLegendBorderColor(new Color(200, 200, 200));
    st.setSeriesColors(PALETTE);
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  /** Sets both axes logarithmic. */
  public static XYChart logLog(XYChart chart) {
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    return chart;
  }

  /** Adds a line without markers; returns null (and adds nothing) when no point is drawable. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    double[][] xy = drawable(chart, x, y, null);
    if (xy[0].length == 0) {
      return null;
    }
    XYSeries s = chart.addSeries(name, xy[0], xy[1]);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Adds a dashed line without markers. */
  public static XYSeries dashed(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = line(chart, name, x, y);
    if (s != null) {
      s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
    return s;
  }

  /** Adds a dotted line without markers (reference lines). */
  public static XYSeries dotted(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = line(chart, name, x, y);
    if (s != null) {
      s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {2f, 3f}, 0f));
      s.setLineColor(Color.GRAY);
    }
    return s;
  }

  /** Adds a scatter series. */
  public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
    double[][] xy = drawable(chart, x, y, null);
    if (xy[0].length == 0) {
      return null;
    }
    XYSeries s = chart.addSeries(name, xy[0], xy[1]);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    return s;
  }

  /**
   * Adds points with asymmetric intervals [lo, hi], drawn as error bars of the larger half-width
   * (XChart draws symmetric bars) only when the interval is finite; the point is the estimate.
   */
  public static XYSeries pointsWithIntervals(
      XYChart chart, String name, double[] x, double[] y, double[] lo, double[] hi) {
    double[] err = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double e = Math.max(y[i] - lo[i], hi[i] - y[i]);
      err[i] = Double.isFinite(e) && e > 0 ? e : 0.0;
    }
    double[][] xy = drawable(chart, x, y, err);
    if (xy[0].length == 0) {
      return null;
    }
    XYSeries s = chart.addSeries(name, xy[0], xy[1], xy[2]);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    return s;
  }

  /** Adds a shaded band between lo and hi (drawn as two thin dashed lines named "name lo/hi"). */
  public static void band(XYChart chart, String name, double[] x, double[] lo, double[] hi) {
    XYSeries a = dashed(chart, name + " (interval)", x, hi);
    XYSeries b = line(chart, name + " lo", x, lo);
    if (a != null && b != null) {
      b.setLineColor(a.getLineColor());
      b.setLineStyle(a.getLineStyle());
      b.setShowInLegend(false);
    }
  }

  /** Adds a histogram as a step-area series of densities (bin counts / (n · width)). */
  public static XYSeries histogram(XYChart chart, String name, double[] sample, int bins,
      double lo, double hi) {
    if (bins < 1 || !(hi > lo)) {
      throw new IllegalArgumentException(
          "histogram: expected bins >= 1 and hi > lo, got bins=" + bins + " range=[" + lo + ", "
              + hi + "]");
    }
    double w = (hi - lo) / bins;
    double[] counts = new double[bins];
    long n = 0;
    for (double v : sample) {
      if (Double.isFinite(v)) {
        n++;
        if (v >= lo && v < hi) {
          counts[(int) Math.min(bins - 1, Math.floor((v - lo) / w))]++;
        }
      }
    }
    double[] xs = new double[2 * bins];
    double[] ys = new double[2 * bins];
    for (int i = 0; i < bins; i++) {
      double d = n == 0 ? 0 : counts[i] / (n * w);
      xs[2 * i] = lo + i * w;
      xs[2 * i + 1] = lo + (i + 1) * w;
      ys[2 * i] = d;
      ys[2 * i + 1] = d;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Writes the chart as PNG at {@code file} (the ".png" suffix is added when missing). */
  public static Path save(XYChart chart, Path file) throws IOException {
    String name = file.toString();
    if (!name.endsWith(".png")) {
      name = name + ".png";
    }
    Path out = Path.of(name);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
    return out;
  }

  /** Keeps the points a possibly logarithmic chart can draw. */
  private static double[][] drawable(XYChart chart, double[] x, double[] y, double[] err) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series: x has " + x.length + " values but y has " + y.length);
    }
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    boolean logY = chart.getStyler().isYAxisLogarithmic();
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      boolean ok = Double.isFinite(x[i]) && Double.isFinite(y[i])
          && (!logX || x[i] > 0) && (!logY || y[i] > 0);
      if (ok) {
        kept.add(new double[] {x[i], y[i], err == null ? 0 : err[i]});
      }
    }
    double[][] out = new double[3][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      out[0][i] = kept.get(i)[0];
      out[1][i] = kept.get(i)[1];
      out[2][i] = kept.get(i)[2];
    }
    return out;
  }
}
