package org.heavytail.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
  @TempDir Path tmp;

  private Path copy(String name) throws Exception {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  @Test
  void runsCellsInOrderAndWritesOutputs() throws Exception {
    Path nb = copy("good.ipynb");
    NotebookRunner.Result r = NotebookRunner.run(nb, true);
    assertEquals(2, r.codeCells());
    assertEquals(2, r.displays());
    JsonNode cells = new ObjectMapper().readTree(nb.toFile()).path("cells");
    JsonNode first = cells.get(1).path("outputs");
    assertEquals("stream", first.get(0).path("output_type").asText());
    assertEquals("y=42\n", first.get(0).path("text").get(0).asText());
    assertEquals("42", first.get(1).path("data").path("text/plain").get(0).asText());
    JsonNode chart = cells.get(2).path("outputs").get(1).path("data");
    assertTrue(chart.path("image/png").asText().startsWith("iVBORw0KGgo"), "a PNG, base64");
  }

  @Test
  void compileErrorNamesTheCell() throws Exception {
    Path nb = tmp.resolve("bad.ipynb");
    Files.writeString(nb, "{\"cells\":[{\"cell_type\":\"code\",\"source\":[\"int a = 1;\"]},"
        + "{\"cell_type\":\"code\",\"source\":[\"int b = undefinedThing + 1;\"]}],\"nbformat\":4}");
    CellException e = assertThrows(CellException.class, () -> NotebookRunner.run(nb, false));
    assertTrue(e.getMessage().contains("bad.ipynb, cell 1 (code cell 2)"), e.getMessage());
    assertTrue(e.getMessage().contains("undefinedThing"), e.getMessage());
  }

  @Test
  void runtimeExceptionNamesTheCell() throws Exception {
    Path nb = tmp.resolve("throws.ipynb");
    Files.writeString(nb, "{\"cells\":[{\"cell_type\":\"code\",\"source\":"
        + "[\"Integer.parseInt(\\\"x\\\")\"]}],\"nbformat\":4}");
    CellException e = assertThrows(CellException.class, () -> NotebookRunner.run(nb, false));
    assertTrue(e.getMessage().contains("NumberFormatException"), e.getMessage());
  }
}
