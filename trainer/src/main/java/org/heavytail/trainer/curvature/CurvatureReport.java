package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs the measurements a {@link CurvatureConfig} asks for on the first n examples and returns
 * them as Tablesaw tables: the one library call behind {@code heavytail hessian} and {@link
 * CurvatureListener}.
 *
 * <p>{@link #scalars()}: long format, one row per (step, scope, quantity) with columns {@code
 * step, scope, quantity, value, std_error, examples}; scope is {@code model} or a layer name
 * (diagonal Hessian block of that layer's parameters). Quantities: {@code loss}, {@code
 * lambda_1..k}, {@code trace}, {@code frobenius_sq}, {@code mu}, {@code trace_sigma_h}, {@code
 * sharpness} (η‖H‖_F/√B), {@code stability_growth} (ρ), {@code stability_lyapunov}, {@code
 * stability_contracts} (1 or 0). {@link #density()}: columns {@code step, scope, t, density}.
 *
 * @param scalars the scalar results
 * @param density the smoothed SLQ densities (empty when not asked)
 */
public record CurvatureReport(Table scalars, Table density) {

  /** Empty tables with the report's columns. */
  public static CurvatureReport empty() {
    Table s = Table.create("curvature",
        LongColumn.create("step"), StringColumn.create("scope"), StringColumn.create("quantity"),
        DoubleColumn.create("value"), DoubleColumn.create("std_error"),
        IntColumn.create("examples"));
    Table d = Table.create("density", LongColumn.create("step"), StringColumn.create("scope"),
        DoubleColumn.create("t"), DoubleColumn.create("density"));
    return new CurvatureReport(s, d);
  }

  /**
   * Measures.
   *
   * @param model the model at the weights to analyse
   * @param x inputs (at least cfg.examples() of them; the first n are used)
   * @param y labels
   * @param cfg what to measure
   * @param step the training step the weights belong to (a label for the rows)
   */
  public static CurvatureReport run(CurvatureModel model, NDArray x, NDArray y,
      CurvatureConfig cfg, long step) {
    long available = x.getShape().get(0);
    if (available < cfg.examples()) {
      throw new IllegalArgumentException("examples = " + cfg.examples() + " but the data has only "
          + available);
    }
    CurvatureReport out = empty();
    NDArray xs = x.get(new NDIndex("0:{}", cfg.examples()));
    NDArray ys = y.get(new NDIndex("0:{}", cfg.examples()));
    try {
      List<Scope> scopes = new ArrayList<>();
      scopes.add(new Scope("model", model));
      if (cfg.perLayer()) {
        for (Map.Entry<String, List<String>> e : model.layers().entrySet()) {
          scopes.add(new Scope(e.getKey(), model.restrictTo(e.getValue()::contains)));
        }
      }
      int n = cfg.examples();
      for (Scope s : scopes) {
        try (HessianOperator h = HessianOperator.of(s.model, xs, ys)) {
          if (s.name.equals("model")) {
            out.add(step, s.name, "loss", h.loss(), 0, n);
          }
          if (cfg.topK() > 0) {
            TopEigenvalues top = TopEigenvalues.compute(h, Math.min(cfg.topK(), h.dimension()),
                cfg.lanczosSteps(), cfg.eigenTolerance(), cfg.seed());
            for (int i = 0; i < top.values().length; i++) {
              out.add(step, s.name, "lambda_" + (i + 1), top.values()[i], top.residuals()[i], n);
            }
          }
          if (cfg.trace() || cfg.frobenius()) {
            TraceEstimate t = TraceEstimate.hutchinson(h, cfg.probes(), cfg.seed());
            if (cfg.trace()) {
              out.add(step, s.name, "trace", t.trace(), t.traceStdError(), n);
            }
            if (cfg.frobenius()) {
              out.add(step, s.name, "frobenius_sq", t.frobeniusSquared(),
                  t.frobeniusSquaredStdError(), n);
            }
          }
          if (cfg.density()) {
            SpectralDensity sd = SpectralDensity.estimate(h, cfg.densitySteps(),
                cfg.densityProbes(), cfg.seed());
            double[] range = sd.range();
            double width = Math.max(range[1] - range[0], 1e-12);
            double lo = range[0] - 0.05 * width;
            double hi = range[1] + 0.05 * width;
            double sigma = width / 100;
            double[] grid = new double[cfg.densityGrid()];
            for (int i = 0; i < grid.length; i++) {
              grid[i] = lo + (hi - lo) * i / (grid.length - 1);
            }
            double[] phi = sd.density(grid, sigma);
            for (int i = 0; i < grid.length; i++) {
              out.density.longColumn("step").append(step);
              out.density.stringColumn("scope").append(s.name);
              out.density.doubleColumn("t").append(grid[i]);
              out.density.doubleColumn("density").append(phi[i]);
            }
          }
        }
      }
      if (cfg.alignment()) {
        Alignment a = Alignment.measure(model, xs, ys, new Alignment.Options(cfg.noiseProbes(),
            cfg.probes(), cfg.learningRate(), cfg.batchSize(), cfg.seed()));
        out.add(step, "model", "trace_sigma_h", a.traceSigmaH(), a.traceSigmaHStdError(), n);
        out.add(step, "model", "mu", a.mu(), Double.NaN, n);
        out.add(step, "model", "sharpness", a.sharpness(), Double.NaN, n);
        if (!cfg.frobenius()) {
          out.add(step, "model", "frobenius_sq", a.frobeniusSquared(),
              a.frobeniusSquaredStdError(), n);
        }
      }
      if (cfg.stability()) {
        LinearStability st = LinearStability.check(model, xs, ys, cfg.learningRate(),
            Math.min(cfg.batchSize(), n), cfg.stabilitySteps(), 4, 4, cfg.seed());
        out.add(step, "model", "stability_growth", st.growthPerStep(), Double.NaN, n);
        out.add(step, "model", "stability_lyapunov", st.lyapunov(), Double.NaN, n);
        out.add(step, "model", "stability_contracts", st.contracts() ? 1 : 0, Double.NaN, n);
      }
      return out;
    } finally {
      xs.close();
      ys.close();
    }
  }

  /**
   * The rows of steps ≤ {@code upToStep} from files written by {@link CurvatureListener} (absent
   * files give empty tables).
   *
   * @param scalars the scalar CSV ({@code curvature.csv})
   * @param density the density CSV ({@code curvature_density.csv})
   * @param upToStep the last step to keep
   * @throws IOException when a file exists but cannot be read
   */
  public static CurvatureReport read(Path scalars, Path density, long upToStep)
      throws IOException {
    CurvatureReport out = empty();
    readInto(out.scalars, scalars, upToStep);
    readInto(out.density, density, upToStep);
    return out;
  }

  private static void readInto(Table into, Path file, long upToStep) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    ColumnType[] types = into.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(types));
    into.append(t.where(t.longColumn("step").isLessThanOrEqualTo(upToStep)));
  }

  /** Appends another report's rows to this one's tables. */
  public void append(CurvatureReport other) {
    scalars.append(other.scalars);
    density.append(other.density);
  }

  private void add(long step, String scope, String quantity, double value, double se, int n) {
    scalars.longColumn("step").append(step);
    scalars.stringColumn("scope").append(scope);
    scalars.stringColumn("quantity").append(quantity);
    scalars.doubleColumn("value").append(value);
    scalars.doubleColumn("std_error").append(se);
    scalars.intColumn("examples").append(n);
  }

  private record Scope(String name, CurvatureModel model) {}
}
