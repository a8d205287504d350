package org.heavytail.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.table.TailIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heavytail tail-index FILE [--method ...] [--m ...] [--column NAME] [--json]}: estimates
 * the tail index of the values in a {@code .npy} file (float32/float64, any shape, flattened) or
 * a CSV column. All work is done by {@link TailIndex#estimateFile}; this class only parses flags
 * and prints.
 */
@Command(
    name = "tail-index",
    mixinStandardHelpOptions = true,
    description = "Estimate the tail index alpha of the values in a .npy file or a CSV column.")
public final class TailIndexCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A .npy or .csv file.")
  Path file;

  @Option(
      names = "--method",
      split = ",",
      defaultValue = "block-sum",
      paramLabel = "METHOD",
      description = "block-sum, hill, mcculloch, charfn or all (comma-separated; default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(
      names = "--m",
      split = ",",
      paramLabel = "M",
      description = "Block-sum block size(s): one fixes m, several give the median over them"
          + " (default: median over 2,5,10,20,50,100,500,1000).")
  int[] blockSizes = new int[0];

  @Option(names = "--column", paramLabel = "NAME", description = "Column of a CSV file.")
  String column;

  @Option(names = "--json", description = "One JSON object per method and line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "FILE " + file
          + " does not exist or is not a regular file");
    }
    try {
      TailIndex.methods(methods);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--method: " + e.getMessage());
    }
    for (int m : blockSizes) {
      if (m < 2) {
        throw new ParameterException(spec.commandLine(), "--m " + m + ": block sizes must be"
            + " integers >= 2");
      }
    }
    List<TailIndexEstimate> results = TailIndex.estimateFile(file, column, methods, blockSizes);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      for (TailIndexEstimate e : results) {
        out.println(mapper.writeValueAsString(toJson(mapper, e)));
      }
    } else {
      out.printf(Locale.ROOT, "%-10s %8s %8s %8s %6s %-11s %12s %s%n", "method", "alpha",
          "ci_low", "ci_high", "conf", "interval", "n", "gaussian?");
      for (TailIndexEstimate e : results) {
        out.printf(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f %6.2f %-11s %12d %s%n", e.method(),
            e.alpha(), e.ciLow(), e.ciHigh(), e.confidence(), e.intervalKind(), e.n(),
            e.gaussianCompatible() ? "yes" : "no");
      }
    }
    out.flush();
    return 0;
  }

  /** The estimate as JSON; non-finite numbers become null. */
  static ObjectNode toJson(ObjectMapper mapper, TailIndexEstimate e) {
    ObjectNode o = mapper.createObjectNode();
    o.put("method", e.method());
    putNumber(o, "alpha", e.alpha());
    putNumber(o, "ci_low", e.ciLow());
    putNumber(o, "ci_high", e.ciHigh());
    o.put("n", e.n());
    putNumber(o, "confidence", e.confidence());
    o.put("interval", e.intervalKind());
    o.put("gaussian_compatible", e.gaussianCompatible());
    ObjectNode p = o.putObject("parameters");
    for (Map.Entry<String, Object> en : new java.util.TreeMap<>(e.parameters()).entrySet()) {
      Object v = en.getValue();
      if (v instanceof Double d && !Double.isFinite(d)) {
        p.putNull(en.getKey());
      } else {
        p.set(en.getKey(), mapper.valueToTree(v));
      }
    }
    return o;
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
