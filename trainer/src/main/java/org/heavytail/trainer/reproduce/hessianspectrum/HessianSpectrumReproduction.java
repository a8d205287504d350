package org.heavytail.trainer.reproduce.hessianspectrum;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.curvature.CurvatureModel;
import org.heavytail.trainer.curvature.ExampleArrays;
import org.heavytail.trainer.curvature.HessianOperator;
import org.heavytail.trainer.curvature.SpectralDensity;
import org.heavytail.trainer.curvature.TopEigenvalues;
import org.heavytail.trainer.loop.Checkpoint;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.report.Figures;
import org.heavytail.trainer.report.RowTable;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.Findings;
import org.heavytail.trainer.reproduce.ReportWriter;
import org.heavytail.trainer.reproduce.ScaledReproduction;
import org.heavytail.trainer.reproduce.Scale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Reproduction {@code hessian-spectrum} (Sagun, Evci, Güney, Dauphin &amp; Bottou, "Empirical
 * analysis of the Hessian of over-parametrized neural networks", ICLR 2018 workshop, arXiv
 * 1706.04454; Sagun, Bottou &amp; LeCun, arXiv 1611.07476): the spectrum of the Hessian
 * H = ∇²_θ L(θ) of the training loss L = (1/n) Σ_i ℓ(f_θ(x_i), y_i) of a trained network is a
 * bulk concentrated near zero plus a few outliers, whose number follows the number of classes.
 *
 * <p>For each k of a list of class counts: a one-hidden-layer ReLU MLP 784-H-k is trained by SGD
 * with softmax cross-entropy on the MNIST training examples of digits 0..k−1 ({@link
 * ArrayData#firstClasses}) towards zero training error; at the end, on the first n_H of those
 * training examples, exact Hessian-vector products (double backward, {@link HessianOperator}) give
 * <ul>
 *   <li>the K = 2k + 6 largest eigenvalues by Lanczos ({@link TopEigenvalues}, with residuals),
 *   <li>the spectral density φ(t) = (1/d) Σ_i δ(t − λ_i) by stochastic Lanczos quadrature
 *       ({@link SpectralDensity}), smoothed by a Gaussian of width σ = 1% of the spectral range,
 *   <li>the number of outliers among the K by Onatski's edge-distribution rule, one round
 *       ({@link SpectralOutliers#of}: the last gap λ_i − λ_{i+1} that exceeds twice the spacing
 *       scale read off the last five of the K); Onatski's iterated estimator ({@link
 *       SpectralOutliers#iterated}) is reported beside it, not checked (it collapses on Hessian
 *       spectra, see {@link SpectralOutliers}).
 * </ul>
 *
 * <p>Checks: (a) the outlier count grows with k (non-decreasing along k and larger at the largest
 * k than at the smallest); (b) it is within ±1 of k at every k (Sagun et al. relate the outliers to
 * the classes, about one per class; later analyses of softmax cross-entropy (Papyan 2019, 2020;
 * Fort &amp; Ganguli 2019) explain C outliers by the class means of the logit gradients, and some
 * reports count C − 1, the softmax Hessian diag(p) − ppᵀ being blind to a shift of all logits;
 * ±1 admits both); (c) the bulk is concentrated near zero: at every k at least {@value
 * #BULK_MASS} of the SLQ mass lies within |λ| ≤ {@value #BULK_RADIUS}·λ_1.
 */
public final class HessianSpectrumReproduction
    extends ScaledReproduction<HessianSpectrumReproduction.Sizes> {

  private static final Logger LOG = LogManager.getLogger(HessianSpectrumReproduction.class);

  /** Check (c): the radius, as a fraction of λ_1, within which the bulk must lie. */
  static final double BULK_RADIUS = 0.05;

  /** Check (c): the SLQ mass that must lie within the radius. */
  static final double BULK_MASS = 0.9;

  /** Relative residual tolerance of the top-K Lanczos. */
  static final double LANCZOS_TOL = 1e-3;

  /** Grid points of the smoothed density. */
  static final int GRID = 400;

  /**
   * Sizes of one scale.
   *
   * @param classes the class counts k, ascending, each in [2, 10]
   * @param hidden H, the width of the hidden layer
   * @param perClass training examples per class (the first perClass·k of digits 0..k−1)
   * @param epochs epochs of SGD
   * @param batch batch size
   * @param learningRate η
   * @param hessianPerClass the Hessian is taken on the first hessianPerClass·k training examples
   * @param lanczosSteps at most this many Hessian-vector products for the top K
   * @param slqSteps Lanczos steps m per SLQ probe
   * @param slqProbes SLQ probes n_v
   */
  public record Sizes(int[] classes, int hidden, int perClass, int epochs, int batch,
      double learningRate, int hessianPerClass, int lanczosSteps, int slqSteps, int slqProbes) {

    /** Validates. */
    public Sizes {
      classes = classes.clone();
      if (classes.length < 2) {
        throw new IllegalArgumentException("hessian-spectrum: classes " + Arrays.toString(classes)
            + ": expected at least two class counts");
      }
      for (int i = 0; i < classes.length; i++) {
        if (classes[i] < 2 || classes[i] > 10 || (i > 0 && classes[i] <= classes[i - 1])) {
          throw new IllegalArgumentException("hessian-spectrum: classes "
              + Arrays.toString(classes) + ": expected ascending values in [2, 10]");
        }
      }
      if (hessianPerClass > perClass || hessianPerClass < 1) {
        throw new IllegalArgumentException("hessian-spectrum: hessianPerClass " + hessianPerClass
            + ": expected 1 <= hessianPerClass <= perClass = " + perClass);
      }
    }

    /** The sizes of a scale. */
    public static Sizes of(Scale scale) {
      return switch (scale) {
        case QUICK -> new Sizes(new int[] {2, 3, 5, 7, 10}, 40, 300, 50, 32, 0.1, 100, 250, 60,
            2);
        case FULL -> new Sizes(new int[] {2, 3, 5, 7, 10}, 128, 5000, 20, 32, 0.1, 300, 300, 60,
            4);
      };
    }

    /** The class counts (a copy). */
    @Override
    public int[] classes() {
      return classes.clone();
    }
  }

  /** What one class count produced. */
  record PerK(int k, int trainExamples, int hessianExamples, int parameters, double trainAccuracy,
      double loss, TopEigenvalues top, SpectralOutliers outliers, SpectralOutliers iterated,
      SpectralDensity density,
      double bulkMass, double seconds) {}

  /** The reproduction with its name and description. */
  public HessianSpectrumReproduction() {
    super("hessian-spectrum", "Sagun et al. 2017: the Hessian spectrum of a trained network is "
        + "a bulk near zero plus outliers whose number follows the number of classes", Sizes::of);
  }

  @Override
  protected Findings measure(Sizes sizes, Scale scale, Path outDir, long seed)
      throws IOException {
    Training.configureThreads();
    ArrayData mnist = DataSets.load(DataSetId.fromName("mnist"), Split.TRAIN);
    List<PerK> results = new ArrayList<>();
    for (int k : sizes.classes()) {
      results.add(runOne(sizes, k, mnist, outDir.resolve("runs").resolve("k" + k), seed));
    }
    Table eig = eigenvalueTable(results);
    Table summary = summaryTable(results);
    Table dens = densityTable(results);
    ReportWriter.writeCsv(outDir, summary, eig, dens);

    int[] ks = sizes.classes();
    int[] counts = results.stream().mapToInt(r -> r.outliers().count()).toArray();
    boolean monotone = true;
    for (int i = 1; i < counts.length; i++) {
      monotone &= counts[i] >= counts[i - 1];
    }
    boolean grows = monotone && counts[counts.length - 1] > counts[0];
    boolean near = true;
    int exactK = 0;
    int exactKm1 = 0;
    for (int i = 0; i < ks.length; i++) {
      near &= Math.abs(counts[i] - ks[i]) <= 1;
      exactK += counts[i] == ks[i] ? 1 : 0;
      exactKm1 += counts[i] == ks[i] - 1 ? 1 : 0;
    }
    double minMass = results.stream().mapToDouble(PerK::bulkMass).min().orElse(Double.NaN);
    String pairs = pairs(ks, counts);
    List<Check> checks = List.of(
        Check.of("(a) The number of outliers grows with the number of classes k (non-decreasing "
                + "along k, and larger at the largest k than at the smallest).",
            "outliers per k: " + pairs + ".", grows),
        Check.of("(b) There is about one outlier per class: the count is within ±1 of k at "
                + "every k (admits both k and k − 1).",
            "outliers per k: " + pairs + "; equal to k at " + exactK + " and to k − 1 at "
                + exactKm1 + " of " + ks.length + " class counts.", near),
        Check.of(String.format(Locale.ROOT, "(c) The bulk is concentrated near zero: at least "
                + "%.0f%% of the spectral mass (SLQ) lies within |λ| ≤ %.2f·λ_1 at every k.",
                100 * BULK_MASS, BULK_RADIUS),
            String.format(Locale.ROOT, "mass within the radius per k: %s (smallest %.4f).",
                masses(results), minMass), minMass >= BULK_MASS));

    List<Path> figures = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    figures.add(countFigure(ks, counts, outDir.resolve("outliers_vs_classes.png")));
    captions.add("Number of outliers (Onatski's edge rule on the top 2k + 6 eigenvalues) "
        + "against the number of classes k, with the lines y = k and y = k − 1.");
    figures.add(rankFigure(results, outDir.resolve("top_eigenvalues.png")));
    captions.add("The top 2k + 6 Hessian eigenvalues by rank (log scale); filled markers: "
        + "counted as outliers.");
    for (PerK r : results) {
      figures.add(densityFigure(r, dens, outDir.resolve("density_k" + r.k() + ".png")));
      captions.add("k = " + r.k() + ": SLQ spectral density (log scale) with the top "
          + "eigenvalues marked (outliers in red).");
    }

    String setup = String.format(Locale.ROOT, "For each k in %s: MLP 784-%d-k (ReLU, bias), "
            + "softmax cross-entropy, trained by SGD (eta = %.2f, b = %d, %d epochs, seed %d) on "
            + "the first %d·k MNIST training images of digits 0..k-1 (pixels in [0, 1], not "
            + "standardized). Hessian of the mean training loss over the first %d·k of those "
            + "images, by exact double-backward Hessian-vector products. Top K = 2k + 6 "
            + "eigenvalues by Lanczos with full reorthogonalization (at most %d products, "
            + "relative residual tolerance %.0e); spectral density by stochastic Lanczos "
            + "quadrature (%d Rademacher probes x %d steps), smoothed with a Gaussian of width 1%% "
            + "of the spectral range. Outliers counted by Onatski's (2010) edge-distribution "
            + "rule on the top K, one round: delta = 2|slope| of the last five of the K against "
            + "(j-1)^(2/3), count = the last gap >= delta (`SpectralOutliers.of`, tested against "
            + "planted spikes); Onatski's iterated estimator in column outliers_iterated, not "
            + "checked.",
        Arrays.toString(ks), sizes.hidden(), sizes.learningRate(), sizes.batch(),
        sizes.epochs(), seed, sizes.perClass(), sizes.hessianPerClass(), sizes.lanczosSteps(),
        LANCZOS_TOL, sizes.slqProbes(), sizes.slqSteps());
    String claim = "The Hessian of the training loss of a trained, over-parametrized network has "
        + "a spectrum made of two parts: a bulk concentrated near zero (its size set by the "
        + "architecture) and a few outliers away from it (set by the data: adding clusters or "
        + "classes changes only the outliers) (Sagun et al., \"Empirical analysis of the Hessian "
        + "of over-parametrized neural networks\", 2017/2018; Sagun, Bottou & LeCun 2016). The "
        + "number of outliers is read as about one per class (SCIENCE.md, Sec. 3). Later work "
        + "ties the outliers to the class means of the "
        + "logit gradients and counts C of them for C classes (Papyan 2019, 2020; Fort & "
        + "Ganguli 2019); for softmax cross-entropy some authors count C - 1.";
    return new Findings("Reproduction: hessian-spectrum (bulk and outliers)", claim, setup,
        checks, summary, List.of(summary, eig), figures, captions, discussion(results, sizes));
  }

  private PerK runOne(Sizes sizes, int k, ArrayData mnist, Path runDir, long seed)
      throws IOException {
    long t0 = System.nanoTime();
    ArrayData train = mnist.firstClasses(k).head(sizes.perClass() * k);
    String model = "mlp:784-" + sizes.hidden() + "-" + k + ":relu";
    TrainConfig config = TrainConfig.builder().setModel(model).setDataset("mnist")
        .setOptimizer("sgd").setLearningRate(sizes.learningRate()).setBatchSize(sizes.batch())
        .setEpochs(sizes.epochs()).optSeed(seed).optDevice("cpu").optOut(runDir)
        .optCheckpointEvery(0).optStandardize(false).optEvaluateTest(false).optProgress(false)
        .build();
    Training.run(config, train, null, List.of());
    Checkpoint ck = Checkpoint.read(Checkpoint.latest(runDir.resolve("checkpoints"))
        .orElseThrow(() -> new IOException(runDir + ": training wrote no checkpoint")));
    int nh = sizes.hessianPerClass() * k;
    try (Network net = Network.create(ModelSpec.parse(model), train.exampleShape(), k, seed,
            Device.cpu());
        NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.setWeights(ck.weights());
      CurvatureModel cm = CurvatureModel.of(net, LossKind.CROSS_ENTROPY);
      double acc = accuracy(cm, m, train);
      ExampleArrays xy = ExampleArrays.first(train, nh, net.inputShape(), 0, 1, m);
      try (HessianOperator h = HessianOperator.of(cm, xy.x(), xy.y())) {
        int kk = Math.min(2 * k + 6, h.dimension());
        TopEigenvalues top = TopEigenvalues.compute(h, kk, sizes.lanczosSteps(), LANCZOS_TOL,
            seed + 17);
        SpectralOutliers out = SpectralOutliers.of(top.values());
        SpectralOutliers it = SpectralOutliers.iterated(top.values());
        SpectralDensity sd = SpectralDensity.estimate(h, sizes.slqSteps(), sizes.slqProbes(),
            seed + 1000);
        double mass = massWithin(sd, BULK_RADIUS * Math.abs(top.values()[0]));
        double secs = (System.nanoTime() - t0) * 1e-9;
        LOG.info("hessian-spectrum k={}: train acc {}, loss {}, top {}, outliers {}, mass {}, "
            + "{} s", k, acc, h.loss(), Arrays.toString(top.values()), out.count(), mass, secs);
        return new PerK(k, train.size(), nh, h.dimension(), acc, h.loss(), top, out, it, sd,
            mass, secs);
      }
    }
  }

  /** Training accuracy of the model on all of {@code d} (argmax of the logits). */
  private static double accuracy(CurvatureModel cm, NDManager parent, ArrayData d) {
    try (NDManager m = parent.newSubManager()) {
      NDArray x = m.create(d.features(), new Shape(d.size(), d.exampleSize()));
      long[] pred = cm.predict(x).argMax(1).toLongArray();
      int right = 0;
      for (int i = 0; i < pred.length; i++) {
        right += pred[i] == d.labels()[i] ? 1 : 0;
      }
      return right / (double) pred.length;
    }
  }

  /** The SLQ estimate of the fraction of eigenvalues with |λ| ≤ r: mean over probes of Σ τ_k. */
  static double massWithin(SpectralDensity sd, double r) {
    double s = 0;
    for (int l = 0; l < sd.nodes().size(); l++) {
      double[] th = sd.nodes().get(l);
      double[] w = sd.weights().get(l);
      for (int i = 0; i < th.length; i++) {
        if (Math.abs(th[i]) <= r) {
          s += w[i];
        }
      }
    }
    return s / sd.nodes().size();
  }

  private static String pairs(int[] ks, int[] counts) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ks.length; i++) {
      b.append(i == 0 ? "" : ", ").append("k=").append(ks[i]).append(": ").append(counts[i]);
    }
    return b.toString();
  }

  private static String masses(List<PerK> rs) {
    StringBuilder b = new StringBuilder();
    for (PerK r : rs) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "k=%d: %.4f", r.k(), r.bulkMass()));
    }
    return b.toString();
  }

  private static Table summaryTable(List<PerK> rs) {
    return RowTable.of("hessian_outliers", rs)
        .addInt("classes", PerK::k)
        .addInt("train_examples", PerK::trainExamples)
        .addInt("hessian_examples", PerK::hessianExamples)
        .addInt("parameters", PerK::parameters)
        .addDouble("train_accuracy", PerK::trainAccuracy)
        .addDouble("hessian_loss", PerK::loss)
        .addInt("outliers", r -> r.outliers().count())
        .addInt("outliers_iterated", r -> r.iterated().count())
        .addDouble("lambda_1", r -> r.top().values()[0])
        .addDouble("bulk_edge", r -> r.outliers().bulkEdge())
        .addDouble("gap_threshold", r -> r.outliers().threshold())
        .addDouble("lambda_1_over_edge", r -> r.top().values()[0] / r.outliers().bulkEdge())
        .addDouble("mass_near_zero", PerK::bulkMass)
        .addDouble("slq_min", r -> r.density().range()[0])
        .addDouble("max_residual",
            r -> Arrays.stream(r.top().residuals()).max().orElse(Double.NaN))
        .addInt("lanczos_products", r -> r.top().products())
        .addDouble("seconds", PerK::seconds)
        .build();
  }

  private static Table eigenvalueTable(List<PerK> rs) {
    IntColumn k = IntColumn.create("classes");
    IntColumn rank = IntColumn.create("rank");
    DoubleColumn val = DoubleColumn.create("eigenvalue");
    DoubleColumn res = DoubleColumn.create("residual");
    BooleanColumn out = BooleanColumn.create("outlier");
    for (PerK r : rs) {
      double[] v = r.top().values();
      for (int i = 0; i < v.length; i++) {
        k.append(r.k());
        rank.append(i + 1);
        val.append(v[i]);
        res.append(r.top().residuals()[i]);
        out.append(i < r.outliers().count());
      }
    }
    return Table.create("hessian_eigenvalues", k, rank, val, res, out);
  }

  private static Table densityTable(List<PerK> rs) {
    IntColumn k = IntColumn.create("classes");
    DoubleColumn t = DoubleColumn.create("t");
    DoubleColumn phi = DoubleColumn.create("density");
    for (PerK r : rs) {
      double[] range = r.density().range();
      double lo = Math.min(range[0], r.top().values()[r.top().values().length - 1]);
      double hi = Math.max(range[1], r.top().values()[0]);
      double w = hi - lo;
      double sigma = 0.01 * w;
      double[] grid = new double[GRID];
      for (int i = 0; i < GRID; i++) {
        grid[i] = lo - 0.05 * w + 1.1 * w * i / (GRID - 1);
      }
      double[] dd = r.density().density(grid, sigma);
      for (int i = 0; i < GRID; i++) {
        k.append(r.k());
        t.append(grid[i]);
        phi.append(dd[i]);
      }
    }
    return Table.create("hessian_density", k, t, phi);
  }

  private static Path countFigure(int[] ks, int[] counts, Path file) throws IOException {
    XYChart c = Figures.xy("Hessian outliers against the number of classes",
        "number of classes k", "number of outliers");
    double[] x = Arrays.stream(ks).asDoubleStream().toArray();
    double[] y = Arrays.stream(counts).asDoubleStream().toArray();
    double[] km1 = Arrays.stream(ks).mapToDouble(v -> v - 1).toArray();
    Figures.dashed(c, "y = k", x, x);
    Figures.dotted(c, "y = k - 1", x, km1);
    XYSeries s = Figures.line(c, "measured", x, y);
    if (s != null) {
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    return Figures.save(c, file);
  }

  private static Path rankFigure(List<PerK> rs, Path file) throws IOException {
    XYChart c = Figures.xy("Top Hessian eigenvalues by rank", "rank i", "eigenvalue λ_i");
    c.getStyler().setYAxisLogarithmic(true);
    for (int j = 0; j < rs.size(); j++) {
      PerK r = rs.get(j);
      double[] v = r.top().values();
      int n = r.outliers().count();
      double[] rank = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        rank[i] = i + 1;
      }
      XYSeries line = Figures.line(c, "k = " + r.k(), rank, v);
      if (line != null) {
        line.setLineColor(Figures.color(j));
        line.setMarker(SeriesMarkers.NONE);
      }
      if (n > 0) {
        XYSeries p = Figures.points(c, "k = " + r.k() + " outliers",
            Arrays.copyOf(rank, n), Arrays.copyOf(v, n));
        if (p != null) {
          p.setMarker(SeriesMarkers.CIRCLE);
          p.setMarkerColor(Figures.color(j));
          p.setShowInLegend(false);
        }
      }
    }
    return Figures.save(c, file);
  }

  private static Path densityFigure(PerK r, Table dens, Path file) throws IOException {
    Table t = dens.where(dens.intColumn("classes").isEqualTo(r.k()));
    double[] x = t.doubleColumn("t").asDoubleArray();
    double[] y = t.doubleColumn("density").asDoubleArray();
    double max = Arrays.stream(y).max().orElse(1);
    double floor = max * 1e-8;
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.max(y[i], floor);
    }
    XYChart c = Figures.xy("Hessian spectral density, k = " + r.k() + " classes ("
        + r.outliers().count() + " outliers)", "eigenvalue", "density (SLQ)");
    c.getStyler().setYAxisLogarithmic(true);
    Figures.line(c, "SLQ density", x, y);
    double[] v = r.top().values();
    int n = r.outliers().count();
    double[] mark = new double[v.length];
    Arrays.fill(mark, floor * 10);
    if (n > 0) {
      XYSeries o = Figures.points(c, "outliers (" + n + ")", Arrays.copyOf(v, n),
          Arrays.copyOf(mark, n));
      if (o != null) {
        o.setMarker(SeriesMarkers.DIAMOND);
        o.setMarkerColor(java.awt.Color.RED);
      }
    }
    if (n < v.length) {
      XYSeries b = Figures.points(c, "other top eigenvalues", Arrays.copyOfRange(v, n, v.length),
          Arrays.copyOfRange(mark, n, v.length));
      if (b != null) {
        b.setMarker(SeriesMarkers.CIRCLE);
        b.setMarkerColor(java.awt.Color.GRAY);
      }
    }
    return Figures.save(c, file);
  }

  private static String discussion(List<PerK> rs, Sizes sizes) {
    StringBuilder b = new StringBuilder();
    double minAcc = rs.stream().mapToDouble(PerK::trainAccuracy).min().orElse(Double.NaN);
    b.append(String.format(Locale.ROOT, "Training accuracy at the end ranges from %.4f to %.4f "
            + "over the class counts. ", minAcc,
        rs.stream().mapToDouble(PerK::trainAccuracy).max().orElse(Double.NaN)));
    b.append("The count depends on a rule. Ours looks for the last gap in the sorted top "
        + "eigenvalues that is larger than twice the spacing scale read off the last five of "
        + "them (Onatski's edge-distribution rule, one round). It recovers planted spikes "
        + "exactly in Wishart and Wigner bulks (SpectralOutliersTest), but a Hessian's outliers "
        + "are not equal-sized spikes: they decay gradually towards a bulk whose top is a thin "
        + "tail, so a weak class-outlier near the bulk can be missed and a gap at the top of "
        + "the bulk can be counted. The first design used Onatski's full iteration "
        + "(outliers_iterated; here " + pairs(rs.stream().mapToInt(PerK::k).toArray(),
            rs.stream().mapToInt(r -> r.iterated().count()).toArray()) + "); on these "
        + "spectra it can cascade to 0 (a window at the sparse top of the bulk gives a large "
        + "threshold, the count drops, the next window holds outliers), a failure of the rule "
        + "rather than a property of the spectrum, whose mass lies almost all within "
        + "0.05 lambda_1 of zero. Lanczos "
        + "values of the lowest-ranked top eigenvalues may not be converged (max_residual); "
        + "they enter only through the edge regression. ");
    b.append(String.format(Locale.ROOT, "The network is small (one hidden layer of %d) and the "
        + "data a subset of MNIST (%d images per class), far below the scale of the paper's "
        + "figures.", sizes.hidden(), sizes.perClass()));
    return b.toString();
  }
}
