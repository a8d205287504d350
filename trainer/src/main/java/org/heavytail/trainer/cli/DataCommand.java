package org.heavytail.trainer.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.heavytail.datasets.DataVerifier;
import org.heavytail.datasets.DataVerifier.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code heavytail data}: commands about the data sets on disk. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Inspect the data sets on disk.",
    subcommands = {DataCommand.Verify.class})
public final class DataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * {@code heavytail data verify}: loads every data set found (MNIST, Fashion-MNIST, CIFAR-10),
   * checks formats, counts, shapes and SHA256SUMS, and prints one table row per check. Exit
   * status 0 when every check passed and at least one set was found, else 1.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check every data set found: file formats, counts, shapes, SHA-256 against SHA256SUMS.",
        "Exit status 1 when a check fails or no data set is found."
      })
  public static final class Verify implements Callable<Integer> {

    @Mixin DataDirOption data;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<Row> rows = DataVerifier.of(data.location()).verifyAll();
      PrintWriter out = spec.commandLine().getOut();
      print(rows, out);
      out.flush();
      boolean found = rows.stream().anyMatch(r -> r.status() != DataVerifier.Status.NOT_FOUND);
      boolean failed = DataVerifier.anyFailed(rows);
      if (!found) {
        spec.commandLine().getErr().println("heavytail: no data set found; tried "
            + data.location().searchPath());
      }
      return failed || !found ? 1 : 0;
    }
  }

  /** Prints rows as a fixed-width table: SET, ITEM, STATUS, COUNT, SHAPE, DETAIL. */
  static void print(List<Row> rows, PrintWriter out) {
    String[] head = {"SET", "ITEM", "STATUS", "COUNT", "SHAPE", "DETAIL"};
    int[] w = new int[5];
    for (int k = 0; k < 5; k++) {
      w[k] = head[k].length();
    }
    for (Row r : rows) {
      String[] c = cells(r);
      for (int k = 0; k < 5; k++) {
        w[k] = Math.max(w[k], c[k].length());
      }
    }
    String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s  %-" + w[4]
        + "s  %s%n";
    out.printf(fmt, (Object[]) head);
    for (Row r : rows) {
      out.printf(fmt, (Object[]) cells(r));
    }
    rows.stream()
        .filter(r -> r.folder() != null)
        .map(r -> r.set() + ": " + r.folder())
        .distinct()
        .forEach(s -> out.println("  " + s));
  }

  private static String[] cells(Row r) {
    return new String[] {
      r.set(),
      r.item(),
      r.status().toString(),
      r.count() < 0 ? "" : String.valueOf(r.count()),
      r.shape(),
      r.detail().replace('\n', ' ')
    };
  }
}
