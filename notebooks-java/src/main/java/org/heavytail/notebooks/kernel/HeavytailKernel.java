package org.heavytail.notebooks.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.heavytail.notebooks.JShellEvaluator;

/**
 * A Jupyter kernel for Java whose cells run in a {@link JShellEvaluator} (a JShell cell JVM with
 * the kernel's own classpath, heavytail's jars). Started by Jupyter as {@code java -cp ... HeavytailKernel
 * CONNECTION_FILE} through the {@code kernel.json} that {@code notebooks-java/install-kernel.sh}
 * writes.
 */
public final class HeavytailKernel extends BaseKernel {
  private final JShellEvaluator evaluator;

  private HeavytailKernel(Builder b, JShellEvaluator evaluator) {
    super(
        b.name(),
        b.version(),
        new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell",
            "java", "java", null),
        List.of(new HelpLink("heavytail README", "README.md")),
        b.history(),
        b.io(),
        b.comms(),
        b.renderer(),
        b.parser(),
        b.magics(),
        false,
        b.styler());
    this.evaluator = evaluator;
  }

  @Override
  public Object evalRaw(String code) {
    String value = evaluator.eval(code);
    return value == null ? null : new DisplayData(value);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return null;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<String> options = evaluator.complete(code, at, anchor);
    return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
  }

  @Override
  public String isComplete(String code) {
    return evaluator.isComplete(code) ? IS_COMPLETE_YES : IS_COMPLETE_MAYBE;
  }

  @Override
  public String getBanner() {
    return "heavytail Java kernel (JShell " + Runtime.version() + ")";
  }

  @Override
  public void onShutdown(boolean restart) {
    evaluator.close();
  }

  /** Starts the kernel on the Jupyter connection file given as the only argument. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: HeavytailKernel CONNECTION_FILE");
      System.exit(2);
    }
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    KernelConnectionProperties props = KernelConnectionProperties.parse(json);
    JupyterConnection connection = new JupyterConnection(props);
    HeavytailKernel[] self = new HeavytailKernel[1];
    JShellEvaluator evaluator =
        JShellEvaluator.of(
            JShellEvaluator.currentClassPath(),
            () -> System.out, // BaseKernel points System.out at the notebook during a cell
            bundle -> {
              DisplayData d = new DisplayData();
              bundle.forEach(d::putData);
              self[0].display(d);
            });
    HeavytailKernel kernel = new Builder().build(evaluator);
    self[0] = kernel;
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }

  /** Supplies BaseKernel's collaborators with the library's defaults. */
  static final class Builder extends BaseKernelBuilder<Builder, HeavytailKernel> {
    Builder() {
      name("heavytail-java");
      version("0.1.0");
    }

    @Override
    public HeavytailKernel build() {
      throw new UnsupportedOperationException("use build(evaluator)");
    }

    HeavytailKernel build(JShellEvaluator evaluator) {
      return new HeavytailKernel(this, evaluator);
    }

    String name() {
      return buildName();
    }

    String version() {
      return buildVersion();
    }

    org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
      return buildHistoryManager();
    }

    org.dflib.jjava.jupyter.kernel.JupyterIO io() {
      return buildJupyterIO(buildJupyterIOEncoding());
    }

    org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
      return buildCommManager();
    }

    org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
      return buildRenderer();
    }

    org.dflib.jjava.jupyter.kernel.magic.MagicParser parser() {
      // magics are disabled: a prefix that never occurs in Java source
      String never = "\\Q%%heavytail-magics-disabled%%\\E";
      return new org.dflib.jjava.jupyter.kernel.magic.MagicParser(
          never, never, buildMagicTranspiler());
    }

    org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
      return buildMagicsRegistry();
    }

    org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
      return buildErrorStyler();
    }
  }
}
