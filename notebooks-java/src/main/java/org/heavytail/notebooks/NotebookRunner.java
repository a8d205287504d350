package org.heavytail.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a Jupyter notebook ({@code .ipynb}, nbformat 4) of Java cells top to bottom in a fresh
 * {@link JShellEvaluator}, the way the kernel would, and fails on the first cell error with the
 * notebook, the cell number and the error. Optionally writes the outputs (stdout, displays, the
 * last value) back into the notebook, so committed notebooks carry the outputs of a real run.
 *
 * <p>Usage: {@code NotebookRunner [--write-outputs] NOTEBOOK.ipynb ...}
 */
public final class NotebookRunner {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NotebookRunner() {}

  /**
   * Result of one notebook run.
   *
   * @param notebook the file
   * @param codeCells number of code cells run
   * @param displays number of inline displays (figures, tables) produced
   * @param seconds wall time
   */
  public record Result(Path notebook, int codeCells, int displays, double seconds) {}

  /** Runs {@code notebook}; with {@code writeOutputs}, stores the outputs in the file. */
  public static Result run(Path notebook, boolean writeOutputs) throws IOException {
    JsonNode root = JSON.readTree(notebook.toFile());
    JsonNode cells = root.path("cells");
    if (!cells.isArray()) {
      throw new IOException(notebook + ": field 'cells' missing or not an array (nbformat 4)");
    }
    long t0 = System.nanoTime();
    int code = 0;
    int displays = 0;
    PrintStream console = System.out;
    List<Map<String, String>> shown = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream cellOut =
        new PrintStream(new TeeStream(captured, console), true, StandardCharsets.UTF_8);
    try (JShellEvaluator eval =
        JShellEvaluator.of(JShellEvaluator.currentClassPath(), () -> cellOut, shown::add)) {
      for (int i = 0; i < cells.size(); i++) {
        ObjectNode cell = (ObjectNode) cells.get(i);
        if (!"code".equals(cell.path("cell_type").asText())) {
          continue;
        }
        code++;
        String source = joinSource(cell.path("source"));
        shown.clear();
        captured.reset();
        String value;
        try {
          value = eval.eval(source);
        } catch (CellException e) {
          throw new CellException(
              notebook.getFileName() + ", cell " + i + " (code cell " + code + "): "
                  + e.getMessage() + tail(captured), e.getCause());
        }
        displays += shown.size();
        if (writeOutputs) {
          cell.set("outputs", outputs(captured.toString(StandardCharsets.UTF_8),
              List.copyOf(shown), value, code));
          cell.put("execution_count", code);
        }
      }
    }
    if (writeOutputs) {
      Files.writeString(notebook, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
    return new Result(notebook, code, displays, (System.nanoTime() - t0) / 1e9);
  }

  private static String tail(ByteArrayOutputStream captured) {
    String s = captured.toString(StandardCharsets.UTF_8).strip();
    if (s.isEmpty()) {
      return "";
    }
    return "\n  cell output (end): " + (s.length() > 2000 ? s.substring(s.length() - 2000) : s);
  }

  private static ArrayNode outputs(
      String stdout, List<Map<String, String>> shown, String value, int count) {
    ArrayNode out = JSON.createArrayNode();
    if (!stdout.isEmpty()) {
      ObjectNode s = out.addObject();
      s.put("output_type", "stream");
      s.put("name", "stdout");
      s.set("text", lines(stdout));
    }
    for (Map<String, String> bundle : shown) {
      ObjectNode d = out.addObject();
      d.put("output_type", "display_data");
      ObjectNode data = d.putObject("data");
      bundle.forEach((mime, v) -> data.set(mime, mime.startsWith("image/") ? JSON.getNodeFactory().textNode(v) : lines(v)));
      d.putObject("metadata");
    }
    if (value != null) {
      ObjectNode r = out.addObject();
      r.put("output_type", "execute_result");
      r.put("execution_count", count);
      r.putObject("data").set("text/plain", lines(value));
      r.putObject("metadata");
    }
    return out;
  }

  private static ArrayNode lines(String text) {
    ArrayNode a = JSON.createArrayNode();
    String[] parts = text.split("(?<=\n)");
    for (String p : parts) {
      a.add(p);
    }
    return a;
  }

  private static String joinSource(JsonNode source) {
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder sb = new StringBuilder();
    source.forEach(n -> sb.append(n.asText()));
    return sb.toString();
  }

  /** Runs the notebooks named on the command line. */
  public static void main(String[] args) throws IOException {
    boolean write = false;
    List<Path> books = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--write-outputs")) {
        write = true;
      } else {
        books.add(Path.of(a));
      }
    }
    if (books.isEmpty()) {
      System.err.println("usage: NotebookRunner [--write-outputs] NOTEBOOK.ipynb ...");
      System.exit(2);
    }
    for (Path b : books) {
      Result r = run(b, write);
      System.out.printf("%s: %d code cells, %d displays, %.1f s%n",
          r.notebook(), r.codeCells(), r.displays(), r.seconds());
    }
  }

  /** Copies writes to two streams (captured output, and the console). */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
