package org.heavytail.trainer.curvature;

/**
 * What {@link CurvatureReport} measures and how; built with {@link #builder()}.
 *
 * @param topK number of top Hessian eigenvalues (0: none)
 * @param trace whether to estimate Tr(H) (Hutchinson)
 * @param frobenius whether to estimate ‖H‖_F² (Hutchinson, same probes as the trace)
 * @param density whether to estimate the spectral density (SLQ)
 * @param alignment whether to measure μ, Tr(ΣH) and η‖H‖_F/√B (needs learningRate, batchSize)
 * @param stability whether to run the linear-stability check (needs learningRate, batchSize)
 * @param perLayer whether to repeat the Hessian quantities for each layer's diagonal block
 * @param examples n, the number of training examples (the first n of the given data)
 * @param probes Hutchinson probes for trace and Frobenius norm
 * @param lanczosSteps maximum Lanczos steps for the top eigenvalues
 * @param eigenTolerance relative residual tolerance of the top eigenvalues
 * @param densitySteps Lanczos steps per SLQ probe
 * @param densityProbes SLQ probes
 * @param densityGrid number of grid points of the smoothed density
 * @param noiseProbes 0 for the exact Tr(ΣH) (n products), else mixed probes
 * @param stabilitySteps K of the stability check
 * @param learningRate η of the run (NaN when unknown)
 * @param batchSize B of the run (0 when unknown)
 * @param seed seed of every random probe
 */
public record CurvatureConfig(int topK, boolean trace, boolean frobenius, boolean density,
    boolean alignment, boolean stability, boolean perLayer, int examples, int probes,
    int lanczosSteps, double eigenTolerance, int densitySteps, int densityProbes, int densityGrid,
    int noiseProbes, int stabilitySteps, double learningRate, int batchSize, long seed) {

  /** Validates. */
  public CurvatureConfig {
    check(topK >= 0, "topK", topK, "≥ 0");
    check(examples >= 1, "examples", examples, "≥ 1");
    check(probes >= 2, "probes", probes, "≥ 2");
    check(lanczosSteps >= Math.max(1, topK), "lanczosSteps", lanczosSteps, "≥ topK");
    check(eigenTolerance > 0, "eigenTolerance", eigenTolerance, "> 0");
    check(densitySteps >= 1, "densitySteps", densitySteps, "≥ 1");
    check(densityProbes >= 1, "densityProbes", densityProbes, "≥ 1");
    check(densityGrid >= 2, "densityGrid", densityGrid, "≥ 2");
    check(noiseProbes == 0 || noiseProbes >= 2, "noiseProbes", noiseProbes, "0 or ≥ 2");
    check(stabilitySteps >= 1, "stabilitySteps", stabilitySteps, "≥ 1");
    if (alignment || stability) {
      check(learningRate > 0, "learningRate", learningRate, "> 0 for alignment/stability");
      check(batchSize >= 1, "batchSize", batchSize, "≥ 1 for alignment/stability");
    }
  }

  private static void check(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(name + " = " + value + ": expected " + expected);
    }
  }

  /** A builder with the defaults: top-5, n = 1000, 100 probes, 100 Lanczos steps. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder of {@link CurvatureConfig}. */
  public static final class Builder {
    private int topK = 5;
    private boolean trace;
    private boolean frobenius;
    private boolean density;
    private boolean alignment;
    private boolean stability;
    private boolean perLayer;
    private int examples = 1000;
    private int probes = 100;
    private int lanczosSteps = 100;
    private double eigenTolerance = 1e-3;
    private int densitySteps = 80;
    private int densityProbes = 4;
    private int densityGrid = 200;
    private int noiseProbes = 0;
    private int stabilitySteps = 50;
    private double learningRate = Double.NaN;
    private int batchSize;
    private long seed = 1;

    private Builder() {}

    public Builder setTopK(int v) {
      topK = v;
      return this;
    }

    public Builder optTrace(boolean v) {
      trace = v;
      return this;
    }

    public Builder optFrobenius(boolean v) {
      frobenius = v;
      return this;
    }

    public Builder optDensity(boolean v) {
      density = v;
      return this;
    }

    public Builder optAlignment(boolean v) {
      alignment = v;
      return this;
    }

    public Builder optStability(boolean v) {
      stability = v;
      return this;
    }

    public Builder optPerLayer(boolean v) {
      perLayer = v;
      return this;
    }

    public Builder setExamples(int v) {
      examples = v;
      return this;
    }

    public Builder optProbes(int v) {
      probes = v;
      return this;
    }

    public Builder optLanczosSteps(int v) {
      lanczosSteps = v;
      return this;
    }

    public Builder optEigenTolerance(double v) {
      eigenTolerance = v;
      return this;
    }

    public Builder optDensitySteps(int v) {
      densitySteps = v;
      return this;
    }

    public Builder optDensityProbes(int v) {
      densityProbes = v;
      return this;
    }

    public Builder optDensityGrid(int v) {
      densityGrid = v;
      return this;
    }

    public Builder optNoiseProbes(int v) {
      noiseProbes = v;
      return this;
    }

    public Builder optStabilitySteps(int v) {
      stabilitySteps = v;
      return this;
    }

    public Builder optLearningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder optBatchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optSeed(long v) {
      seed = v;
      return this;
    }

    public CurvatureConfig build() {
      return new CurvatureConfig(topK, trace, frobenius, density, alignment, stability, perLayer,
          examples, probes, lanczosSteps, eigenTolerance, densitySteps, densityProbes, densityGrid,
          noiseProbes, stabilitySteps, learningRate, batchSize, seed);
    }
  }
}
