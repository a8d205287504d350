package org.heavytail.trainer.reproduce.alignment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.RunHessian;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.loop.TrainingFailedException;
import org.heavytail.trainer.report.Figures;
import org.heavytail.trainer.report.RowTable;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.Findings;
import org.heavytail.trainer.reproduce.LeastSquares;
import org.heavytail.trainer.reproduce.ReportWriter;
import org.heavytail.trainer.reproduce.Scale;
import org.heavytail.trainer.reproduce.ScaledReproduction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Reproduction {@code alignment}: one-hidden-layer ReLU MLPs (PyTorch's default Linear
 * initialization) trained by SGD with square loss on one-hot MNIST targets over a grid of learning
 * rates η and batch sizes B, all from the same initialization for the same number of steps; at the
 * end point of each run, on the first m
 * training examples, the alignment factor and the Frobenius sharpness are measured with {@link
 * org.heavytail.trainer.curvature.Alignment} (through {@link RunHessian}):
 *
 * <pre>
 *   μ = Tr(ΣH) / (2 L ‖H‖_F²),   s = η ‖H‖_F / √B,
 * </pre>
 *
 * with Σ the covariance of the per-example gradients, H the Hessian of the loss
 * L = (1/m) Σ ½‖f(x_i) − e_{y_i}‖², Tr(ΣH) exact (m Hessian-vector products) and ‖H‖_F² by Hutchinson.
 *
 * <p><b>The bound tested.</b> Near an interpolating minimum θ* the loss is L ≈ ½ eᵀHe (e = θ −
 * θ*) and one SGD step with noise of covariance Σ/B gives E[L(θ_{t+1}) | θ_t] = ½ (e − ηHe)ᵀH(e −
 * ηHe) + (η²/2B) Tr(ΣH) ≥ (η² μ / B) ‖H‖_F² L(θ_t). So unless η²μ‖H‖_F²/B ≤ 1 the loss grows
 * geometrically and SGD leaves θ*: a linearly stable minimum has ‖H‖_F ≤ √(B/μ)/η, that is s ≤
 * 1/√μ (Wu, Wang &amp; Su 2022, abstract: ‖H(θ*)‖_F ≤ O(√B/η); the constant 1/√μ comes from this
 * derivation, which is ours, following the abstract's argument in their notation). The trainer draws minibatches
 * without replacement, whose noise covariance is Σ (n − B)/(B (n − 1)) ≤ Σ/B, so the bound is at
 * most slightly loose.
 *
 * <p>A cell is <em>converged</em> when its end-point loss is at most {@value #CONVERGED_LOSS}
 * (about a tenth of the best constant prediction's ½(1 − 1/K) = 0.45); others are listed as not
 * converged or diverged. Checks: (1) μ is of order one in every converged cell and along training
 * (band [1/(2K), 2K] with K the number of outputs: residuals spread evenly over K outputs give μ ≈
 * 1/K); (2) when several widths are run, μ changes across widths by less than √(d_max/d_min), the
 * geometric midpoint between width-independence and the 1/d scaling isotropic noise of the same
 * size would give; (3) every converged cell (at least {@value #MIN_CELLS}) has s ≤ 1/√μ; (4)
 * over the converged cells ‖H‖_F rises with √B/η (least-squares slope of log ‖H‖_F on
 * log(√B/η) &gt; 0).
 */
public final class AlignmentReproduction
    extends ScaledReproduction<AlignmentReproduction.Sizes> {

  /** Outputs of the MNIST network (classes). */
  static final int CLASSES = 10;

  /**
   * Loss below which an end point counts as near a minimum: about a tenth of ½(1 − 1/K) = 0.45,
   * the loss of the best constant prediction on balanced one-hot targets.
   */
  static final double CONVERGED_LOSS = 0.05;

  /** Converged cells the bound and trend checks need. */
  static final int MIN_CELLS = 3;

  /**
   * Sizes of one scale.
   *
   * @param dataset {@code mnist} or {@code cifar10} (flattened to 3072 inputs)
   * @param hidden hidden width of the grid's MLP inputs-hidden-10
   * @param subset training examples n: the first n of the training split (MNIST), the first n
   *     of its class-interleaved order (CIFAR-10, stored class by class here; {@code
   *     ArrayData.balancedHead})
   * @param examples m ≤ n examples the curvature is measured on
   * @param steps SGD steps of every run
   * @param learningRates the grid's η
   * @param batchSizes the grid's B
   * @param widths hidden widths run at the reference cell (η, B) = (learningRates[ref],
   *     batchSizes[ref]) for the width check; empty to skip
   * @param probes Hutchinson probes for ‖H‖_F²
   * @param trajectoryPoints measurements along training of the reference cell (≥ 1)
   * @param cifar10 a second grid run on CIFAR-10 after this one (its checks 1 and 3), or null
   */
  public record Sizes(String dataset, int hidden, int subset, int examples, long steps,
      List<Double> learningRates, List<Integer> batchSizes, List<Integer> widths, int probes,
      int trajectoryPoints, Sizes cifar10) {

    /** Validates and copies the lists. */
    public Sizes {
      learningRates = List.copyOf(learningRates);
      batchSizes = List.copyOf(batchSizes);
      widths = List.copyOf(widths);
      if (examples < 2 || examples > subset) {
        throw new IllegalArgumentException("alignment: examples " + examples
            + ": expected 2 ≤ m ≤ subset " + subset);
      }
      if (learningRates.isEmpty() || batchSizes.isEmpty()) {
        throw new IllegalArgumentException("alignment: the grid of learning rates "
            + learningRates + " and batch sizes " + batchSizes + " must not be empty");
      }
      for (int b : batchSizes) {
        if (b < 1 || b > subset) {
          throw new IllegalArgumentException("alignment: batch size " + b + ": expected 1.."
              + subset);
        }
      }
      if (!dataset.equals("mnist") && !dataset.equals("cifar10")) {
        throw new IllegalArgumentException("alignment: dataset '" + dataset
            + "': expected mnist or cifar10");
      }
      if (trajectoryPoints < 1 || steps % trajectoryPoints != 0) {
        throw new IllegalArgumentException("alignment: trajectoryPoints " + trajectoryPoints
            + ": expected ≥ 1 and dividing steps " + steps);
      }
    }

    /** The sizes of a scale. */
    public static Sizes of(Scale scale) {
      return switch (scale) {
        case QUICK -> new Sizes("mnist", 64, 1000, 256, 2000, List.of(0.05, 0.1, 0.2, 0.4),
            List.of(8, 32, 128), List.of(32, 256), 20, 4, null);
        case FULL -> new Sizes("mnist", 128, 4000, 512, 12_000,
            List.of(0.0125, 0.025, 0.05, 0.1, 0.2, 0.4), List.of(4, 8, 32, 128),
            List.of(32, 128, 512), 20, 6,
            // CIFAR-10 needs smaller steps (3072 inputs: eta = 0.05 diverged at B = 32) and a
            // smaller set to get near a minimum in 12,000 steps (4,000 images: L = 0.18 after
            // 3,000 steps at eta = 0.02; 1,000 images: L = 5e-5 after 12,000)
            new Sizes("cifar10", 128, 1000, 512, 12_000,
                List.of(0.0025, 0.005, 0.01, 0.02, 0.04), List.of(8, 32, 128), List.of(), 20, 1,
                null));
      };
    }

    /** Number of inputs of the MLP: 784 (MNIST) or 3 × 32 × 32 (CIFAR-10). */
    int inputs() {
      return dataset.equals("mnist") ? 784 : 3072;
    }

    /** Index of the reference cell's η (the middle one). */
    int refEta() {
      return (learningRates.size() - 1) / 2;
    }

    /** Index of the reference cell's B (the middle one). */
    int refBatch() {
      return (batchSizes.size() - 1) / 2;
    }
  }

  /**
   * One measured end point.
   *
   * @param width hidden width
   * @param dimension number of parameters d
   * @param eta η
   * @param batch B
   * @param step the step measured
   * @param diverged whether training stopped on a non-finite loss
   * @param loss L on the m examples
   * @param lambda1 top Hessian eigenvalue
   * @param frobenius ‖H‖_F
   * @param traceSigmaH Tr(ΣH)
   * @param mu μ
   * @param sharpness η‖H‖_F/√B
   */
  record Point(int width, int dimension, double eta, int batch, long step, boolean diverged,
      double loss, double lambda1, double frobenius, double traceSigmaH, double mu,
      double sharpness) {

    double bound() {
      return 1 / Math.sqrt(mu);
    }

    /** Near a minimum: not diverged and L ≤ {@link #CONVERGED_LOSS}. */
    boolean converged() {
      return !diverged && loss <= CONVERGED_LOSS;
    }

    String status() {
      return diverged ? "diverged" : converged() ? "converged" : "not converged";
    }
  }

  /** The reproduction. */
  public AlignmentReproduction() {
    super("alignment", "Wu, Wang & Su 2022: with square loss SGD noise is aligned with the "
        + "Hessian (mu = Tr(Sigma H)/(2L||H||_F^2) of order one) and eta||H||_F/sqrt(B) <= "
        + "1/sqrt(mu)", Sizes::of);
  }

  @Override
  protected Findings measure(Sizes sizes, Scale scale, Path outDir, long seed)
      throws IOException {
    Path runs = outDir.resolve("runs");
    List<Point> trajectory = new ArrayList<>();
    List<Point> grid = runGrid(sizes, runs, seed, trajectory);
    int refEta = sizes.refEta();
    int refBatch = sizes.refBatch();
    List<Point> widths = new ArrayList<>();
    for (int w : sizes.widths()) {
      Point same = w == sizes.hidden() ? grid.get(refBatch * sizes.learningRates().size()
          + refEta) : null;
      widths.add(same != null ? same : train(sizes, w, sizes.learningRates().get(refEta),
          sizes.batchSizes().get(refBatch), 1, runs, seed).get(0));
    }

    Sizes cs = sizes.cifar10();
    List<Point> cifar = cs == null ? List.of() : runGrid(cs, runs, seed, new ArrayList<>());

    Table gridTable = table("alignment_grid", grid);
    Table trajTable = table("alignment_trajectory", trajectory);
    Table widthTable = table("alignment_widths", widths);
    List<Table> tables = new ArrayList<>(List.of(gridTable, trajTable));
    if (!widths.isEmpty()) {
      tables.add(widthTable);
    }
    if (!cifar.isEmpty()) {
      tables.add(table("alignment_grid_cifar10", cifar));
    }
    ReportWriter.writeCsv(outDir, tables.toArray(new Table[0]));

    List<Point> live = grid.stream().filter(Point::converged).toList();
    long diverged = grid.stream().filter(Point::diverged).count();
    String counts = String.format(Locale.ROOT, "%d of %d grid cells converged (L <= %s), %d "
        + "diverged", live.size(), grid.size(), fmt(CONVERGED_LOSS), diverged);
    List<Check> checks = new ArrayList<>();
    double lo = 1.0 / (2 * CLASSES);
    double hi = 2.0 * CLASSES;
    List<Point> all = new ArrayList<>(live);
    trajectory.stream().filter(p -> !p.diverged()).forEach(all::add);
    widths.stream().filter(Point::converged).forEach(all::add);
    double muMin = min(all, Point::mu);
    double muMax = max(all, Point::mu);
    boolean inBand = !all.isEmpty() && muMin >= lo && muMax <= hi;
    checks.add(Check.of("The SGD noise is aligned with the Hessian and proportional to the loss: "
            + "mu = Tr(Sigma H)/(2L||H||_F^2) is of order one at the minima SGD reaches and along "
            + "training (tested band [1/(2K), 2K] = [" + fmt(lo) + ", " + fmt(hi) + "], K = "
            + CLASSES + " outputs).",
        String.format(Locale.ROOT, "mu from %.3f to %.3f over %d measurements (converged grid "
            + "cells, %d points along training, converged width runs); %s.", muMin, muMax,
            all.size(), trajectory.size(), counts), inBand));
    if (widths.size() >= 2) {
      List<Point> w = widths.stream().filter(Point::converged).toList();
      double dMin = min(w, Point::dimension);
      double dMax = max(w, Point::dimension);
      double mMin = min(w, Point::mu);
      double mMax = max(w, Point::mu);
      double allowed = Math.sqrt(dMax / dMin);
      double fMin = min(w, Point::frobenius);
      double fMax = max(w, Point::frobenius);
      checks.add(Check.of("The alignment does not degrade with model size: at the reference "
              + "cell, mu changes across widths by less than sqrt(d_max/d_min), halfway "
              + "(geometrically) between no change and the 1/d scaling of isotropic noise of "
              + "the same size.",
          String.format(Locale.ROOT, "widths %s (%d converged): d from %.0f to %.0f, mu from "
              + "%.3f to %.3f, ratio %.2f (allowed %.2f); ||H||_F from %.1f to %.1f.",
              sizes.widths(), w.size(), dMin, dMax, mMin, mMax, mMax / mMin, allowed, fMin,
              fMax),
          w.size() >= 2 && dMax > dMin && mMax / mMin < allowed));
    }
    long below = belowBound(live);
    double worst = max(live, p -> p.sharpness() / p.bound());
    checks.add(Check.of("Minima SGD settles in satisfy the linear-stability bound ||H||_F <= "
            + "sqrt(B/mu)/eta, i.e. eta||H||_F/sqrt(B) <= 1/sqrt(mu), in every converged cell "
            + "(at least " + MIN_CELLS + " needed).",
        String.format(Locale.ROOT, "%d of %d converged cells below the bound; largest ratio "
            + "(eta||H||_F/sqrt(B)) / (1/sqrt(mu)) = %.3f; %s.", below, live.size(), worst,
            counts), live.size() >= MIN_CELLS && below == live.size()));
    double[] xs = live.stream().mapToDouble(p -> Math.sqrt(p.batch()) / p.eta()).toArray();
    double slope = flatnessSlope(live);
    double sMin = min(live, Point::sharpness);
    double sMax = max(live, Point::sharpness);
    checks.add(Check.of("Larger eta and smaller B select flatter minima: over the converged "
            + "cells ||H||_F rises with sqrt(B)/eta (least-squares slope of log ||H||_F on "
            + "log(sqrt(B)/eta) > 0; a slope of 1 means ||H||_F is proportional to sqrt(B)/eta, "
            + "the bound's shape).",
        String.format(Locale.ROOT, "slope %.3f over %d converged cells; eta||H||_F/sqrt(B) "
            + "from %.3f to %.3f while sqrt(B)/eta spans a factor %.1f.", slope, xs.length, sMin,
            sMax, xs.length == 0 ? Double.NaN : java.util.Arrays.stream(xs).max().getAsDouble()
                / java.util.Arrays.stream(xs).min().getAsDouble()),
        xs.length >= MIN_CELLS && slope > 0));

    List<Path> figures = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    if (cs != null) {
      List<Point> cl = cifar.stream().filter(Point::converged).toList();
      double cMuMin = min(cl, Point::mu);
      double cMuMax = max(cl, Point::mu);
      long cBelow = belowBound(cl);
      double cWorst = max(cl, p -> p.sharpness() / p.bound());
      double cSlope = flatnessSlope(cl);
      checks.add(Check.of("On CIFAR-10 (MLP " + cs.inputs() + "-" + cs.hidden() + "-10, "
              + cs.subset() + " class-balanced training images) the alignment and the bound "
              + "hold too: mu in [" + fmt(lo) + ", " + fmt(hi) + "] and eta||H||_F/sqrt(B) <= "
              + "1/sqrt(mu) in every converged cell (at least " + MIN_CELLS + " needed).",
          String.format(Locale.ROOT, "%d of %d cells converged, %d diverged; mu from %.3f to "
              + "%.3f; %d of %d converged cells below the bound, largest ratio %.3f; slope of "
              + "log ||H||_F on log(sqrt(B)/eta) %.3f (not checked).", cl.size(), cifar.size(),
              cifar.stream().filter(Point::diverged).count(), cMuMin, cMuMax, cBelow,
              cl.size(), cWorst, cSlope),
          cl.size() >= MIN_CELLS && cMuMin >= lo && cMuMax <= hi && cBelow == cl.size()));
      if (!cl.isEmpty()) {
        figures.add(boundFigure(cs, cl, cMuMin,
            outDir.resolve("frobenius_vs_sqrtb_over_eta_cifar10.png")));
        captions.add("CIFAR-10: ||H||_F at the end of each converged run against sqrt(B)/eta, "
            + "with the stability bound for the smallest measured mu (as above).");
      }
    }
    if (!live.isEmpty()) {
      figures.add(boundFigure(sizes, live, muMin,
          outDir.resolve("frobenius_vs_sqrtb_over_eta.png")));
      captions.add("||H||_F at the end of each run against sqrt(B)/eta (log-log), one series per "
          + "batch size; solid line: the stability bound sqrt(B/mu)/eta with the smallest "
          + "measured mu; dashed: C sqrt(B)/eta with C the largest measured eta||H||_F/sqrt(B).");
      figures.add(muFigure(sizes, live, outDir.resolve("mu_per_cell.png")));
      captions.add("The alignment factor mu at the end of each run against eta, one series per "
          + "batch size (dotted: the band's lower edge 1/(2K)).");
    }
    if (trajectory.size() > 1) {
      figures.add(trajectoryFigure(trajectory, outDir.resolve("mu_along_training.png")));
      captions.add("mu, the loss L and ||H||_F along training of the reference cell.");
    }
    String setup = String.format(Locale.ROOT, "MLP 784-%d-10 (ReLU, PyTorch's default Linear "
            + "initialization) on the first %d MNIST training images (standardized), square "
            + "loss 1/2||f(x) - e_y||^2 on one-hot targets, plain SGD for %d steps from the "
            + "same initialization (seed %d) in every "
            + "cell, eta in %s, B in %s (minibatches without replacement within an epoch). At "
            + "the last step: loss, lambda_1 (Lanczos), ||H||_F^2 (Hutchinson, %d Rademacher "
            + "probes), Tr(Sigma H) exact (per-example gradients and %d Hessian-vector "
            + "products), all on the first %d training images. Reference cell eta = %s, B = "
            + "%d: %d measurements along training%s. A cell counts as converged (near a minimum) "
            + "when its end-point loss is at most %s, about a tenth of the best constant "
            + "prediction's 0.45; the bound and trend checks use the converged cells only.",
        sizes.hidden(), sizes.subset(),
        sizes.steps(), seed, sizes.learningRates(), sizes.batchSizes(), sizes.probes(),
        sizes.examples(), sizes.examples(),
        fmt(sizes.learningRates().get(refEta)), sizes.batchSizes().get(refBatch),
        sizes.trajectoryPoints(), sizes.widths().isEmpty() ? "" : "; the same cell at widths "
            + sizes.widths(), fmt(CONVERGED_LOSS))
        + (cs == null ? "" : String.format(Locale.ROOT, " CIFAR-10 grid: MLP %d-%d-10 on %d "
            + "training images taken class-balanced (the first of the class-interleaved order; "
            + "the copy here is stored class by class), %d steps, eta in %s, B in %s, the same "
            + "measurements on the first %d of those images.", cs.inputs(), cs.hidden(),
            cs.subset(), cs.steps(), cs.learningRates(), cs.batchSizes(), cs.examples()));
    String claim = "For over-parameterized models trained with square loss, SGD noise "
        + "concentrates in the sharp directions of the landscape and its size is proportional "
        + "to the loss (the alignment factor mu = Tr(Sigma H)/(2L||H||_F^2) is bounded below, "
        + "provably for linear networks and random-feature models, empirically for nonlinear "
        + "networks); consequently a global minimum that is linearly stable for SGD satisfies "
        + "||H||_F <= O(sqrt(B)/eta), independently of model and sample size (Wu, Wang & Su, "
        + "NeurIPS 2022, abstract; the constant 1/sqrt(mu) is from the one-step loss "
        + "recursion derived in AlignmentReproduction's javadoc).";
    String discussion = "The bound is a necessary condition for stability, so it can only be "
        + "tested where training has reached a neighbourhood of a minimum; cells whose end "
        + "point has a large loss (after SGD's instability at large eta has killed some or all "
        + "of the ReLU units) are listed as not converged and left out of checks 1, 3 and 4, with "
        + "their values in the table. Runs of a fixed number of steps see different numbers "
        + "of epochs per batch size. With K = 10 outputs, residuals spread over all outputs "
        + "give mu near 1/K rather than 1, which is why the band's lower edge is 1/(2K). "
        + "The initialization is PyTorch's default for Linear layers (the usual choice in "
        + "PyTorch code): with He initialization the initial loss is about 14; in a trial (784-64-10, 1,000 images, "
        + "2,000 steps, eta 0.005 to 0.08, B 2 to 32) eta >= 0.04 diverged at B <= 8 and no "
        + "cell got below a loss of 0.13, so that grid never reached a minimum. The paper's "
        + "experiments are on CIFAR-10 (abstract); here MNIST MLPs were run"
        + (cs == null ? " (the full scale adds a CIFAR-10 grid)." : " and a grid of CIFAR-10 "
        + "MLPs (fully connected, not the paper's networks).");
    return new Findings("Reproduction: alignment (SGD noise and flat minima)", claim, setup,
        checks, gridTable, tables, figures, captions, discussion);
  }

  /**
   * Trains one cell and measures the end point (and, with points &gt; 1, the weights after every
   * steps/points steps: the run is trained in segments, each resumed from the previous one's
   * checkpoint). A run that diverges yields one point marked diverged.
   */
  private static List<Point> train(Sizes sizes, int width, double eta, int batch, int points,
      Path runs, long seed) throws IOException {
    String model = "mlp:" + sizes.inputs() + "-" + width + "-10:relu:init=torch";
    Path dir = runs.resolve(String.format(Locale.ROOT, "%sw%d-eta%s-b%d",
        sizes.dataset().equals("mnist") ? "" : sizes.dataset() + "-", width, fmt(eta), batch));
    int d = sizes.inputs() * width + width + width * CLASSES + CLASSES;
    long segment = sizes.steps() / points;
    TrainConfig config = TrainConfig.builder().setModel(model).setDataset(sizes.dataset())
        .optLoss("square").setOptimizer("sgd").setLearningRate(eta).setBatchSize(batch)
        .setSteps(segment).optSeed(seed).optDevice("cpu").optOut(dir).optCheckpointEvery(0)
        .optSubset(sizes.subset()).optSubsetBalanced(sizes.dataset().equals("cifar10"))
        .optEvaluateTest(false).optProgress(false).build();
    List<Point> out = new ArrayList<>();
    for (int k = 1; k <= points; k++) {
      try {
        if (k == 1) {
          Training.run(config, List.of());
        } else {
          Training.resume(dir, k * segment, List.of());
        }
      } catch (TrainingFailedException e) {
        out.add(new Point(width, d, eta, batch, e.step(), true, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        return out;
      }
      CurvatureConfig.Builder cfg = CurvatureConfig.builder().setTopK(1).optFrobenius(true)
          .optAlignment(true).setExamples(sizes.examples()).optProbes(sizes.probes())
          .optLanczosSteps(30).optSeed(seed);
      Table s = RunHessian.analyse(dir, k * segment, cfg, null).report().scalars();
      double fro = Math.sqrt(value(s, "frobenius_sq"));
      out.add(new Point(width, d, eta, batch, k * segment, false, value(s, "loss"),
          value(s, "lambda_1"), fro, value(s, "trace_sigma_h"), value(s, "mu"),
          eta * fro / Math.sqrt(batch)));
    }
    return out;
  }

  private static double value(Table s, String quantity) {
    Table t = s.where(s.stringColumn("scope").isEqualTo("model")
        .and(s.stringColumn("quantity").isEqualTo(quantity)));
    if (t.rowCount() == 0) {
      throw new IllegalStateException("curvature report has no '" + quantity + "' row");
    }
    return t.doubleColumn("value").get(0);
  }

  /**
   * Trains every (η, B) cell of a grid (B outer, η inner) and returns its end points; the
   * reference cell is measured {@code trajectoryPoints} times, all of them added to {@code
   * trajectory}.
   */
  private static List<Point> runGrid(Sizes sizes, Path runs, long seed, List<Point> trajectory)
      throws IOException {
    List<Point> grid = new ArrayList<>();
    for (int j = 0; j < sizes.batchSizes().size(); j++) {
      for (int i = 0; i < sizes.learningRates().size(); i++) {
        boolean ref = i == sizes.refEta() && j == sizes.refBatch();
        List<Point> pts = train(sizes, sizes.hidden(), sizes.learningRates().get(i),
            sizes.batchSizes().get(j), ref ? sizes.trajectoryPoints() : 1, runs, seed);
        grid.add(pts.get(pts.size() - 1));
        if (ref) {
          trajectory.addAll(pts);
        }
      }
    }
    return grid;
  }

  /** Smallest f over the points, NaN when there are none. */
  private static double min(List<Point> ps, ToDoubleFunction<Point> f) {
    return ps.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  /** Largest f over the points, NaN when there are none. */
  private static double max(List<Point> ps, ToDoubleFunction<Point> f) {
    return ps.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  /** How many points satisfy η‖H‖_F/√B ≤ 1/√μ. */
  private static long belowBound(List<Point> ps) {
    return ps.stream().filter(p -> p.sharpness() <= p.bound()).count();
  }

  /** Slope of log ‖H‖_F on log(√B/η) over the points, NaN with fewer than two. */
  private static double flatnessSlope(List<Point> ps) {
    if (ps.size() < 2) {
      return Double.NaN;
    }
    return logLogSlope(ps.stream().mapToDouble(p -> Math.sqrt(p.batch()) / p.eta()).toArray(),
        ps.stream().mapToDouble(Point::frobenius).toArray());
  }

  private static Table table(String name, List<Point> pts) {
    return RowTable.of(name, pts)
        .addInt("width", Point::width)
        .addInt("parameters", Point::dimension)
        .addDouble("eta", Point::eta)
        .addInt("batch", Point::batch)
        .addLong("step", Point::step)
        .addString("status", Point::status)
        .addDouble("loss", Point::loss)
        .addDouble("lambda_1", Point::lambda1)
        .addDouble("frobenius", Point::frobenius)
        .addDouble("trace_sigma_h", Point::traceSigmaH)
        .addDouble("mu", Point::mu)
        .addDouble("eta_frob_over_sqrt_b", Point::sharpness)
        .addDouble("bound_inv_sqrt_mu", p -> p.diverged() ? Double.NaN : p.bound())
        .build();
  }

  /**
   * Least-squares slope of log y on log x: 1 when y ∝ x, 0 when y does not depend on x.
   */
  static double logLogSlope(double[] x, double[] y) {
    return LeastSquares.slope(java.util.Arrays.stream(x).map(Math::log).toArray(),
        java.util.Arrays.stream(y).map(Math::log).toArray());
  }


  private static Path boundFigure(Sizes sizes, List<Point> live, double muMin, Path file)
      throws IOException {
    XYChart c = Figures.logLog(Figures.xy("Frobenius sharpness against sqrt(B)/eta",
        "sqrt(B) / eta", "||H||_F"));
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = 0;
    double cMax = 0;
    for (int b : sizes.batchSizes()) {
      List<Point> ps = live.stream().filter(p -> p.batch() == b).toList();
      if (ps.isEmpty()) {
        continue;
      }
      double[] x = ps.stream().mapToDouble(p -> Math.sqrt(p.batch()) / p.eta()).toArray();
      double[] y = ps.stream().mapToDouble(Point::frobenius).toArray();
      XYSeries s = Figures.points(c, "B = " + b, x, y);
      if (s != null) {
        s.setMarker(SeriesMarkers.CIRCLE);
      }
      for (Point p : ps) {
        double xv = Math.sqrt(p.batch()) / p.eta();
        xMin = Math.min(xMin, xv);
        xMax = Math.max(xMax, xv);
        cMax = Math.max(cMax, p.sharpness());
      }
    }
    double[] lx = {xMin / 1.5, xMax * 1.5};
    Figures.line(c, String.format(Locale.ROOT, "bound sqrt(B/mu)/eta, mu = %.3f", muMin), lx,
        new double[] {lx[0] / Math.sqrt(muMin), lx[1] / Math.sqrt(muMin)});
    Figures.dashed(c, String.format(Locale.ROOT, "C sqrt(B)/eta, C = %.3f", cMax), lx,
        new double[] {lx[0] * cMax, lx[1] * cMax});
    return Figures.save(c, file);
  }

  private static Path muFigure(Sizes sizes, List<Point> live, Path file) throws IOException {
    XYChart c = Figures.xy("Alignment factor at the end points", "eta", "mu");
    c.getStyler().setXAxisLogarithmic(true);
    double etaMin = Double.POSITIVE_INFINITY;
    double etaMax = 0;
    for (int b : sizes.batchSizes()) {
      List<Point> ps = live.stream().filter(p -> p.batch() == b).toList();
      if (ps.isEmpty()) {
        continue;
      }
      XYSeries s = Figures.line(c, "B = " + b, ps.stream().mapToDouble(Point::eta).toArray(),
          ps.stream().mapToDouble(Point::mu).toArray());
      if (s != null) {
        s.setMarker(SeriesMarkers.CIRCLE);
      }
      for (Point p : ps) {
        etaMin = Math.min(etaMin, p.eta());
        etaMax = Math.max(etaMax, p.eta());
      }
    }
    double edge = 1.0 / (2 * CLASSES);
    Figures.dotted(c, "1/(2K)", new double[] {etaMin, etaMax}, new double[] {edge, edge});
    return Figures.save(c, file);
  }

  private static Path trajectoryFigure(List<Point> traj, Path file) throws IOException {
    XYChart c = Figures.xy("Along training (reference cell)", "step", "value");
    c.getStyler().setYAxisLogarithmic(true);
    double[] x = traj.stream().mapToDouble(Point::step).toArray();
    for (String q : List.of("mu", "loss", "||H||_F")) {
      double[] y = traj.stream().mapToDouble(p -> switch (q) {
        case "mu" -> p.mu();
        case "loss" -> p.loss();
        default -> p.frobenius();
      }).toArray();
      XYSeries s = Figures.line(c, q, x, y);
      if (s != null) {
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return Figures.save(c, file);
  }

  private static String fmt(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }
}
