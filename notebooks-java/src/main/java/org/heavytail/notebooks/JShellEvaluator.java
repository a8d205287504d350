package org.heavytail.notebooks;

import java.io.Closeable;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates Java notebook cells with JShell. The cells run in a separate JVM that JShell starts
 * (its default execution engine) with heavytail's classpath and the {@code heavytail.*} and
 * {@code ai.djl.*} system properties of this JVM; the kernel or runner only compiles and relays.
 * A native crash in user code (libtorch) therefore ends the cell's JVM with an error, not the
 * kernel. Inline displays come back through the cell JVM's standard output as marked lines
 * ({@link Display#MARKER}) and are handed to the display sink; all other output goes to {@code
 * out}.
 *
 * <p>Contract: {@link #eval(String)} splits a cell into complete snippets, evaluates them in
 * order, and returns the value of the last expression (or null); the first snippet that does not
 * compile or that throws stops the cell with a {@link CellException} naming the snippet and the
 * compiler diagnostics or the exception. Not thread-safe: one cell at a time.
 */
public final class JShellEvaluator implements Closeable {
  private final JShell shell;

  private JShellEvaluator(JShell shell) {
    this.shell = shell;
  }

  /**
   * An evaluator whose cells see {@code classPath}; their standard output goes to {@code out}
   * (looked up at each write, so a caller may swap it) and their displays to {@code displays}.
   */
  public static JShellEvaluator of(
      String classPath,
      java.util.function.Supplier<PrintStream> out,
      Consumer<Map<String, String>> displays) {
    List<String> vm = new ArrayList<>();
    vm.add("--class-path");
    vm.add(classPath);
    vm.add("-Xmx4g");
    System.getProperties().forEach((k, v) -> {
      String key = String.valueOf(k);
      if (key.startsWith("heavytail.") || key.startsWith("ai.djl.")) {
        vm.add("-D" + key + "=" + v);
      }
    });
    if (System.getProperty("ai.djl.offline") == null) {
      vm.add("-Dai.djl.offline=true");
    }
    PrintStream relay =
        new PrintStream(new DisplayFilter(out, displays), true, StandardCharsets.UTF_8);
    JShell shell =
        JShell.builder()
            .out(relay)
            .err(relay)
            .compilerOptions("--class-path", classPath)
            .remoteVMOptions(vm.toArray(String[]::new))
            .build();
    return new JShellEvaluator(shell);
  }

  /**
   * The classpath of this JVM as a string: surefire's {@code surefire.test.class.path} when run
   * from a test, else {@code java.class.path}.
   */
  public static String currentClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Evaluates one cell; returns the last expression's value as JShell prints it, or null. */
  public String eval(String cell) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = cell;
    String last = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        throw new CellException("incomplete snippet: " + firstLine(remaining), null);
      }
      last = evalSnippet(info.source());
      remaining = info.remaining();
    }
    return last;
  }

  /** Completion candidates for {@code code} at {@code cursor}; {@code anchor[0]} gets the start. */
  public List<String> complete(String code, int cursor, int[] anchor) {
    List<SourceCodeAnalysis.Suggestion> s =
        shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
    return s.stream().map(SourceCodeAnalysis.Suggestion::continuation).distinct()
        .collect(Collectors.toList());
  }

  /** True when {@code code} is a complete set of snippets. */
  public boolean isComplete(String code) {
    return shell.sourceCodeAnalysis().analyzeCompletion(code).completeness().isComplete();
  }

  private String evalSnippet(String source) {
    List<SnippetEvent> events;
    try {
      events = shell.eval(source);
    } catch (IllegalStateException e) {
      throw new CellException("the cell JVM is gone (" + e.getMessage() + ") at: "
          + firstLine(source), e);
    }
    String value = null;
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue; // side effects on other snippets (e.g. re-declarations)
      }
      if (e.status() == Snippet.Status.REJECTED) {
        List<String> diags = new ArrayList<>();
        shell.diagnostics(e.snippet()).forEach(d -> diags.add(describe(d)));
        throw new CellException(
            "does not compile: " + firstLine(source) + "\n  " + String.join("\n  ", diags), null);
      }
      JShellException ex = e.exception();
      if (ex != null) {
        String name =
            ex instanceof EvalException ee ? ee.getExceptionClassName()
                : ex instanceof UnresolvedReferenceException ? "unresolved reference"
                : ex.getClass().getName();
        throw new CellException(
            "threw " + name + ": " + ex.getMessage() + " in: " + firstLine(source), ex);
      }
      if (e.snippet().kind() == Snippet.Kind.EXPRESSION
          || e.snippet().kind() == Snippet.Kind.VAR) {
        value = e.value();
      }
    }
    return value;
  }

  private static String describe(Diag d) {
    return d.getMessage(Locale.ROOT);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " ...";
  }

  @Override
  public void close() {
    shell.close();
  }

  /** Splits the cell JVM's output into display lines (to the sink) and the rest (to out). */
  private static final class DisplayFilter extends OutputStream {
    private final java.util.function.Supplier<PrintStream> out;
    private final Consumer<Map<String, String>> displays;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    DisplayFilter(java.util.function.Supplier<PrintStream> out,
        Consumer<Map<String, String>> displays) {
      this.out = out;
      this.displays = displays;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flushLine();
      }
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(buf[i]);
      }
    }

    @Override
    public synchronized void flush() {
      // a partial line that is not a display marker can go out now
      String s = line.toString(StandardCharsets.UTF_8);
      if (!s.isEmpty() && !Display.MARKER.startsWith(s) && !s.startsWith(Display.MARKER)) {
        out.get().print(s);
        out.get().flush();
        line.reset();
      }
    }

    private void flushLine() {
      String s = line.toString(StandardCharsets.UTF_8);
      line.reset();
      Map<String, String> bundle = Display.parseMarkerLine(s);
      if (bundle != null) {
        displays.accept(bundle);
      } else {
        out.get().print(s);
        out.get().flush();
      }
    }
  }
}
