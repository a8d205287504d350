package org.heavytail.trainer.cli;

import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code heavytail}: subcommands for training, data checks, tail indices,
 * curvature, reports and reproductions. A bad flag exits with status 2 and a one-line message.
 */
@Command(
    name = "heavytail",
    mixinStandardHelpOptions = true,
    versionProvider = HeavytailCommand.Version.class,
    description = "Heavy tails of SGD: train with snapshot hooks, estimate tail indices.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DataCommand.class,
      TailIndexCommand.class,
      TrainCommand.class,
      HessianCommand.class,
      ReproduceCommand.class,
      ReportCommand.class,
      SweepCommand.class
    })
public final class HeavytailCommand implements Callable<Integer> {

  @Option(
      names = "--verbose",
      description = "Log at DEBUG level (default: warnings only).",
      scope = CommandLine.ScopeType.INHERIT)
  void setVerbose(boolean verbose) {
    if (verbose) {
      Configurator.setRootLevel(Level.DEBUG);
      Configurator.setLevel("org.heavytail", Level.DEBUG);
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new HeavytailCommand());
    // one-line message and exit 2 on a bad flag, instead of the usage dump
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("heavytail: " + ex.getMessage()
              + " (see '" + ex.getCommandLine().getCommandName() + " --help')");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("heavytail: " + ex.getMessage());
          org.apache.logging.log4j.LogManager.getLogger(HeavytailCommand.class)
              .debug("failure", ex);
          return 1;
        });
    return cl;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    System.exit(commandLine().execute(args));
  }

  /** Reports the project version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HeavytailCommand.class.getPackage().getImplementationVersion();
      return new String[] {"heavytail " + (v == null ? "dev" : v)};
    }
  }
}
