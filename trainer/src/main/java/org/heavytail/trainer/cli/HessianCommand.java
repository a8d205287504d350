package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.RunHessian;
import org.heavytail.trainer.loop.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heavytail hessian}: Hessian spectrum, trace, Frobenius norm, density and the alignment
 * ratio at a checkpoint of a run; parses flags into a {@link CurvatureConfig} and calls {@link
 * RunHessian#analyse}. Writes {@code hessian-step-NNNNNNNNNN.csv} in the run directory and prints
 * the table.
 */
@Command(
    name = "hessian",
    mixinStandardHelpOptions = true,
    description = "Curvature at a checkpoint: top eigenvalues, trace, Frobenius norm, spectral"
        + " density, alignment ratio mu and linear stability.")
public final class HessianCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory.")
  Path run;

  @Option(names = "--checkpoint", paramLabel = "STEP",
      description = "Checkpoint step (default: the newest).")
  Long checkpoint;

  @Option(names = "--top-k", description = "Top eigenvalues to compute (default: ${DEFAULT-VALUE}).")
  int topK = 5;

  @Option(names = "--trace", description = "Estimate Tr(H) (Hutchinson).")
  boolean trace;

  @Option(names = "--frobenius", description = "Estimate ||H||_F^2 (Hutchinson).")
  boolean frobenius;

  @Option(names = "--density", description = "Spectral density by stochastic Lanczos quadrature.")
  boolean density;

  @Option(names = "--alignment", description = "Alignment ratio mu = Tr(Sigma H)/(2 L ||H||_F^2)"
      + " and eta ||H||_F / sqrt(B) with the run's learning rate and batch size.")
  boolean alignment;

  @Option(names = "--stability", description = "Linear-stability check of SGD at the checkpoint.")
  boolean stability;

  @Option(names = "--per-layer", description = "Repeat the Hessian quantities per layer.")
  boolean perLayer;

  @Option(names = "--examples", description = "Training examples used, the first N"
      + " (default: ${DEFAULT-VALUE}).")
  int examples = 1000;

  @Option(names = "--probes", description = "Hutchinson probes (default: ${DEFAULT-VALUE}).")
  int probes = 100;

  @Option(names = "--noise-probes", description = "0: exact Tr(Sigma H) with N products; else"
      + " this many mixed probes (default: ${DEFAULT-VALUE}).")
  int noiseProbes = 0;

  @Option(names = "--seed", description = "Seed of the random probes (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--data-dir", description = "Folder holding <dataset>/ (default: the run's).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Training.configureThreads();
    CurvatureConfig.Builder b = CurvatureConfig.builder()
        .setTopK(topK).optTrace(trace).optFrobenius(frobenius).optDensity(density)
        .optAlignment(alignment).optStability(stability).optPerLayer(perLayer)
        .setExamples(examples).optProbes(probes).optNoiseProbes(noiseProbes).optSeed(seed)
        .optLanczosSteps(Math.max(100, topK));
    RunHessian.Result r;
    try {
      r = RunHessian.analyse(run, checkpoint, b, dataDir);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    spec.commandLine().getOut().println(r.report().scalars().printAll());
    spec.commandLine().getOut().println("wrote " + r.csv()
        + (r.densityCsv() == null ? "" : " and " + r.densityCsv()));
    return 0;
  }
}
