package org.heavytail.notebooks;

import java.io.Closeable;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Evaluates Java notebook cells with JShell in this JVM, on one long-lived cell thread ({@link
 * CellExecutionControl}), so that cells share the classes and static state of the process: heavytail's jars are on the classpath and
 * {@link Display} reaches the kernel or the test runner directly.
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

  /** An evaluator whose cells see {@code classPath} (entries separated by the path separator). */
  public static JShellEvaluator of(String classPath) {
    JShell shell =
        JShell.builder()
            .executionEngine(new CellExecutionControl.Provider(), java.util.Map.of())
            .compilerOptions("--class-path", classPath)
            .build();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        shell.addToClasspath(entry);
      }
    }
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

  /** Completion candidates for {@code code} at {@code cursor}. */
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
    List<SnippetEvent> events = shell.eval(source);
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
}
