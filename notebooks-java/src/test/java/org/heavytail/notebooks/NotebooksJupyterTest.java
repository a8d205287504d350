package org.heavytail.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook through Jupyter ({@code jupyter nbconvert --execute}) with the
 * heavytail kernel on the test classpath, and checks that no cell produced an error output. Runs
 * where {@code jupyter-nbconvert} is installed (CI installs it); elsewhere the test is reported as
 * skipped with the reason, never passed silently.
 */
class NotebooksJupyterTest {
  @TempDir Path tmp;

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsUnderJupyter() throws Exception {
    assumeTrue(onPath("jupyter-nbconvert"),
        "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient)");
    Path kernels = tmp.resolve("jupyter/kernels/heavytail-java");
    Files.createDirectories(kernels);
    ObjectMapper json = new ObjectMapper();
    var spec = json.createObjectNode();
    var argv = spec.putArray("argv");
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-Dai.djl.offline=true");
    argv.add("-Dheavytail.shared.dir=" + System.getProperty("heavytail.shared.dir", ""));
    argv.add("-cp");
    argv.add(JShellEvaluator.currentClassPath());
    argv.add("org.heavytail.notebooks.kernel.HeavytailKernel");
    argv.add("{connection_file}");
    spec.put("display_name", "Java (heavytail, test)");
    spec.put("language", "java");
    Files.writeString(kernels.resolve("kernel.json"), json.writeValueAsString(spec));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path nb : NotebooksTest.notebooks()) {
      tests.add(DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
        Path out = tmp.resolve("out-" + nb.getFileName());
        ProcessBuilder pb = new ProcessBuilder("jupyter-nbconvert", "--to", "notebook", "--execute",
            "--ExecutePreprocessor.kernel_name=heavytail-java",
            "--ExecutePreprocessor.timeout=900", "--output", out.toString(), nb.toString());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("jupyter").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("log-" + nb.getFileName() + ".txt").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(20, TimeUnit.MINUTES);
        String log = Files.readString(tmp.resolve("log-" + nb.getFileName() + ".txt"),
            StandardCharsets.UTF_8);
        assertEquals(true, done, nb + ": nbconvert did not finish\n" + log);
        assertEquals(0, p.exitValue(), nb + ": nbconvert failed\n" + log);
        JsonNode cells = json.readTree(out.toFile()).path("cells");
        for (JsonNode c : cells) {
          for (JsonNode o : c.path("outputs")) {
            assertFalse("error".equals(o.path("output_type").asText()),
                nb + ": a cell produced an error: " + o);
          }
        }
      }));
    }
    return tests.stream();
  }
}
