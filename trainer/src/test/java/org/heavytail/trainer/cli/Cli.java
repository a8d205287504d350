package org.heavytail.trainer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the heavytail command line in-process for tests. */
final class Cli {
  private Cli() {}

  /**
   * Executes {@code heavytail ARGS}.
   *
   * @return {exit status, stdout, stderr}
   */
  static String[] run(String... args) {
    picocli.CommandLine cl = HeavytailCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
