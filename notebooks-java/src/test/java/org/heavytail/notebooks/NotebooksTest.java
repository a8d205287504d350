package org.heavytail.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every notebook of notebooks-java/ top to bottom in the test JVM; any cell error fails. */
class NotebooksTest {

  /** The committed notebooks, in name order. */
  static List<Path> notebooks() throws IOException {
    Path dir = Path.of(System.getProperty("heavytail.notebooks.dir", "."));
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsWithoutError() throws IOException {
    List<Path> books = notebooks();
    assertEquals(5, books.size(), "expected the five notebooks 01..05 in " + books);
    return books.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
      NotebookRunner.Result r = NotebookRunner.run(nb, false);
      assertTrue(r.codeCells() >= 2, nb + ": no code cells ran");
      assertTrue(r.displays() >= 1, nb + ": produced no inline table or figure");
    }));
  }
}
