package org.heavytail.trainer.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.heavytail.tailstats.stable.StableDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of one gradient-noise sample against two reference laws: a Gaussian with the sample's
 * scale matched by the interquartile range (σ = IQR/1.349, robust to the heavy tail) and a fitted
 * symmetric stable law. The references' survival functions, densities and quantiles are computed
 * from {@value #REFERENCE_DRAWS} draws of {@link StableDistribution} (the Gaussian as α = 2,
 * γ = σ/√2) with a fixed seed, so no closed-form quantile function is needed.
 */
public final class NoiseFigures {

  /** Draws from each reference law. */
  public static final int REFERENCE_DRAWS = 200_000;

  private NoiseFigures() {}

  /** σ of the IQR-matched Gaussian: IQR / (2 Φ⁻¹(0.75)) = IQR / 1.34898. */
  public static double iqrSigma(double[] sorted) {
    return (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.3489795003921634;
  }

  /** P(|u| &gt; t) on log–log axes: the sample, the fitted stable law and the Gaussian. */
  public static Path tail(float[] sample, StableDistribution fitted, String title, Path file)
      throws IOException {
    double[] abs = sortedAbs(sample);
    double[] sorted = sorted(sample);
    double[] gauss = sortedAbs(reference(StableDistribution.symmetric(2, iqrSigma(sorted)
        / Math.sqrt(2))));
    double[] stable = sortedAbs(reference(fitted));
    XYChart chart = Figures.logLog(Figures.xy(title, "|u|", "P(|U| > |u|)"));
    XYSeries s = Figures.points(chart, "sample (n=" + sample.length + ")",
        survivalX(abs), survivalY(abs.length));
    if (s != null) {
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    Figures.line(chart, String.format(Locale.ROOT, "stable alpha=%.2f", fitted.alpha()),
        survivalX(stable), survivalY(stable.length));
    Figures.dashed(chart, "Gaussian (IQR-matched)", survivalX(gauss), survivalY(gauss.length));
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    return Figures.save(chart, file);
  }

  /** Density histogram of the central 99% of the sample with both reference densities. */
  public static Path histogram(float[] sample, StableDistribution fitted, String title, Path file)
      throws IOException {
    double[] sorted = sorted(sample);
    double lo = quantile(sorted, 0.005);
    double hi = quantile(sorted, 0.995);
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    int bins = 60;
    XYChart chart = Figures.xy(title, "u", "density");
    Figures.histogram(chart, "sample", sorted, bins, lo, hi);
    double sigma = iqrSigma(sorted);
    double[] xs = new double[200];
    double[] g = new double[200];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = lo + (hi - lo) * i / (xs.length - 1);
      g[i] = Math.exp(-0.5 * xs[i] * xs[i] / (sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    }
    Figures.dashed(chart, "Gaussian (IQR-matched)", xs, g);
    double[] st = reference(fitted);
    double w = (hi - lo) / bins;
    double[] cx = new double[bins];
    double[] cy = new double[bins];
    for (double v : st) {
      if (v >= lo && v < hi) {
        cy[(int) Math.min(bins - 1, (v - lo) / w)]++;
      }
    }
    for (int i = 0; i < bins; i++) {
      cx[i] = lo + (i + 0.5) * w;
      cy[i] /= st.length * w;
    }
    Figures.line(chart, String.format(Locale.ROOT, "stable alpha=%.2f", fitted.alpha()), cx, cy);
    return Figures.save(chart, file);
  }

  /** QQ plot: sample quantiles against those of the Gaussian and of the fitted stable law. */
  public static Path qq(float[] sample, StableDistribution fitted, String title, Path file)
      throws IOException {
    double[] sorted = sorted(sample);
    double[] gauss = sorted(reference(StableDistribution.symmetric(2, iqrSigma(sorted)
        / Math.sqrt(2))));
    double[] stable = sorted(reference(fitted));
    int m = 200;
    double[] qs = new double[m];
    double[] qg = new double[m];
    double[] qst = new double[m];
    for (int i = 0; i < m; i++) {
      // denser near both ends, where the tails show
      double u = (i + 0.5) / m;
      double p = 0.5 + 0.5 * Math.signum(u - 0.5) * Math.pow(Math.abs(2 * u - 1), 0.35);
      p = Math.min(1 - 0.5 / sorted.length, Math.max(0.5 / sorted.length, p));
      qs[i] = quantile(sorted, p);
      qg[i] = quantile(gauss, p);
      qst[i] = quantile(stable, p);
    }
    XYChart chart = Figures.xy(title, "reference quantile", "sample quantile");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    Figures.points(chart, "vs Gaussian (IQR-matched)", qg, qs);
    Figures.points(chart, String.format(Locale.ROOT, "vs stable alpha=%.2f", fitted.alpha()),
        qst, qs);
    double a = Math.min(qs[0], Math.min(qg[0], qst[0]));
    double b = Math.max(qs[m - 1], Math.max(qg[m - 1], qst[m - 1]));
    Figures.dotted(chart, "y = x", new double[] {a, b}, new double[] {a, b});
    return Figures.save(chart, file);
  }

  private static double[] reference(StableDistribution law) {
    return law.sample(20190612L, REFERENCE_DRAWS);
  }

  static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  private static double[] sorted(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    Arrays.sort(d);
    return d;
  }

  private static double[] sorted(double[] x) {
    double[] d = x.clone();
    Arrays.sort(d);
    return d;
  }

  private static double[] sortedAbs(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = Math.abs(x[i]);
    }
    Arrays.sort(d);
    return d;
  }

  private static double[] sortedAbs(double[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = Math.abs(x[i]);
    }
    Arrays.sort(d);
    return d;
  }

  /** |u| at ≤ 300 log-spaced ranks, largest first. */
  private static double[] survivalX(double[] sortedAbs) {
    int[] r = ranks(sortedAbs.length);
    double[] x = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      x[i] = sortedAbs[sortedAbs.length - r[i]];
    }
    return x;
  }

  private static double[] survivalY(int n) {
    int[] r = ranks(n);
    double[] y = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      y[i] = (double) r[i] / n;
    }
    return y;
  }

  private static int[] ranks(int n) {
    int pts = Math.min(300, n);
    int[] r = new int[pts];
    for (int i = 0; i < pts; i++) {
      r[i] = (int) Math.max(1, Math.min(n, Math.round(Math.exp(Math.log(n) * i / (pts - 1.0)))));
    }
    return r;
  }
}
