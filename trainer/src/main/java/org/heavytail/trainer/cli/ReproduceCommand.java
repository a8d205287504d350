package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heavytail.trainer.report.MarkdownTable;
import org.heavytail.trainer.reproduce.Check;
import org.heavytail.trainer.reproduce.Reproduction;
import org.heavytail.trainer.reproduce.ReproductionResult;
import org.heavytail.trainer.reproduce.Reproductions;
import org.heavytail.trainer.reproduce.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code heavytail reproduce NAME [--quick] [--out DIR]}: runs one published result end to end and
 * prints its main table, its checks and the path of its report.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Reproduce a published heavy-tail result: writes CSV tables, PNG figures and "
        + "report.md with a verdict.")
public final class ReproduceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME",
      description = "Which reproduction (kesten, optimizers, ...); 'list' shows them.")
  String name;

  @Option(names = "--quick", description = "Small scale (a few minutes on 2 cores).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: reproductions/NAME[-quick]).")
  Path out;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = Reproductions.DEFAULT_SEED;

  @Override
  public Integer call() throws Exception {
    if ("list".equals(name)) {
      for (String n : Reproductions.names()) {
        System.out.println(n + "\t" + Reproductions.byName(n).description());
      }
      return 0;
    }
    Reproduction r = Reproductions.byName(name);
    Scale scale = quick ? Scale.QUICK : Scale.FULL;
    Path dir = out != null ? out : Path.of("reproductions", name + (quick ? "-quick" : ""));
    ReproductionResult res = r.run(scale, dir, seed);
    System.out.println(MarkdownTable.of(res.table(), 4));
    for (Check c : res.checks()) {
      System.out.println((c.passed() ? "[holds] " : "[fails] ") + c.claim() + " " + c.measured());
    }
    System.out.printf(java.util.Locale.ROOT, "verdict: %s   (%s scale, %.1f s)%nreport: %s%n",
        res.verdict().label(), scale.label(), res.wall().toMillis() / 1000.0,
        res.report().toAbsolutePath());
    return 0;
  }
}
