package org.heavytail.trainer.cli;

import org.heavytail.trainer.curvature.CurvatureConfig;
import picocli.CommandLine.Option;

/**
 * What to measure of the Hessian, as a picocli mixin shared by {@code heavytail hessian} (at a
 * checkpoint) and {@code heavytail train --curvature-every K} (during training): {@link
 * #builder()} turns the flags into a {@link CurvatureConfig.Builder}; the caller adds the seed
 * and the run's learning rate and batch size. Each flag has a short name (as {@code hessian}
 * documents it) and a {@code --curvature-} name (as {@code train} documents it); both work in
 * both commands.
 */
public final class CurvatureOptions {

  @Option(names = {"--top-k", "--curvature-top-k"}, paramLabel = "K", defaultValue = "5",
      description = "Top Hessian eigenvalues to compute (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = {"--trace", "--curvature-trace"}, description = "Estimate Tr(H) (Hutchinson).")
  boolean trace;

  @Option(names = {"--frobenius", "--curvature-frobenius"},
      description = "Estimate ||H||_F^2 (Hutchinson).")
  boolean frobenius;

  @Option(names = {"--density", "--curvature-density"},
      description = "Spectral density by stochastic Lanczos quadrature.")
  boolean density;

  @Option(names = {"--alignment", "--curvature-alignment"},
      description = "Alignment ratio mu = Tr(Sigma H)/(2 L ||H||_F^2) and eta ||H||_F / sqrt(B)"
          + " with the run's learning rate and batch size.")
  boolean alignment;

  @Option(names = {"--stability", "--curvature-stability"},
      description = "Linear-stability check of SGD at the weights.")
  boolean stability;

  @Option(names = {"--per-layer", "--curvature-per-layer"},
      description = "Repeat the Hessian quantities per layer.")
  boolean perLayer;

  @Option(names = {"--examples", "--curvature-examples"}, paramLabel = "N", defaultValue = "1000",
      description = "Training examples used for the Hessian, the first N (default: ${DEFAULT-VALUE}).")
  int examples;

  @Option(names = {"--probes", "--curvature-probes"}, paramLabel = "N", defaultValue = "100",
      description = "Hutchinson probes (default: ${DEFAULT-VALUE}).")
  int probes;

  @Option(names = {"--noise-probes", "--curvature-noise-probes"}, paramLabel = "N",
      defaultValue = "0", description = "0: exact Tr(Sigma H) with N products; else this many"
          + " mixed probes (default: ${DEFAULT-VALUE}).")
  int noiseProbes;

  /** The measurements these flags ask for (Lanczos steps: max(100, K)). */
  public CurvatureConfig.Builder builder() {
    return CurvatureConfig.builder()
        .setTopK(topK).optTrace(trace).optFrobenius(frobenius).optDensity(density)
        .optAlignment(alignment).optStability(stability).optPerLayer(perLayer)
        .setExamples(examples).optProbes(probes).optNoiseProbes(noiseProbes)
        .optLanczosSteps(Math.max(100, topK));
  }
}
