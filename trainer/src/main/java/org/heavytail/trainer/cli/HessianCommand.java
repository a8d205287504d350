package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heavytail.trainer.curvature.CurvatureConfig;
import org.heavytail.trainer.curvature.RunHessian;
import org.heavytail.trainer.loop.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  /** --top-k, --trace, --frobenius, --density, --alignment, --stability, --per-layer, ... */
  @Mixin CurvatureOptions measure = new CurvatureOptions();

  @Option(names = "--seed", description = "Seed of the random probes (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--data-dir", description = "Folder holding <dataset>/ (default: the run's).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    Training.configureThreads();
    CurvatureConfig.Builder b = measure.builder().optSeed(seed);
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
