package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.heavytail.trainer.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code heavytail report DIR}: writes DIR/report.md and DIR/figures/*.png from a run directory. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Turn a run directory into report.md plus PNG figures (loss/accuracy, alpha-hat "
        + "per layer, noise tail, histogram, QQ, Hessian quantities).")
public final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "The run directory.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path report = RunReport.write(dir);
    System.out.println("report: " + report.toAbsolutePath());
    return 0;
  }
}
