package org.heavytail.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heavytail.tailstats.io.Npy;
import org.heavytail.tailstats.stable.StableDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TailIndexCommandTest {

  @TempDir static Path dir;
  static Path file;

  /** 10⁶ SαS(1.5) samples of scale 1 from the project's sampler, seed 2026, as float32. */
  @BeforeAll
  static void write() throws Exception {
    float[] x = new float[1_000_000];
    StableDistribution.symmetric(1.5, 1).fill(2026L, x);
    file = dir.resolve("sas15.npy");
    Npy.write(file, x);
  }

  private static String[] run(String... args) {
    return Cli.run(args);
  }

  @Test
  void jsonForAllMethods() throws Exception {
    String[] r = run("tail-index", file.toString(), "--method", "all", "--json");
    assertEquals("0", r[0], r[2]);
    ObjectMapper m = new ObjectMapper();
    List<String> methods = new ArrayList<>();
    for (String line : r[1].strip().split("\n")) {
      JsonNode o = m.readTree(line);
      methods.add(o.get("method").asText());
      assertEquals(1_000_000, o.get("n").asLong());
      double a = o.get("alpha").asDouble();
      assertTrue(o.get("ci_low").asDouble() < a && a < o.get("ci_high").asDouble(), line);
      if (o.get("method").asText().equals("block-sum")) {
        // grid median at n = 10⁶ (benchmarks/estimators.md): sd 0.0033 over 20 seeds at α = 1.5,
        // largest |error| 0.009 over 100 runs; 0.015 is about 4.5 sd
        assertEquals(1.5, a, 0.015, line);
        assertEquals(8, o.get("parameters").get("alphas").size());
      }
      if (o.get("method").asText().equals("charfn")) {
        // sd 0.0017 over 20 seeds at α = 1.5, n = 10⁶: 0.01 is about 6 sd
        assertEquals(1.5, a, 0.01, line);
      }
      if (o.get("method").asText().equals("mcculloch")) {
        // quantile method at n = 10⁶: its sd is a few thousandths (benchmarks/stable.md)
        assertEquals(1.5, a, 0.03, line);
      }
    }
    assertEquals(List.of("block-sum", "hill", "mcculloch", "charfn"), methods);
  }

  @Test
  void tableAndFixedM() {
    String[] r = run("tail-index", file.toString(), "--m", "1000");
    assertEquals("0", r[0], r[2]);
    String[] lines = r[1].strip().split("\n");
    assertEquals(2, lines.length, r[1]);
    assertTrue(lines[0].startsWith("method"));
    String[] f = lines[1].trim().split("\\s+");
    assertEquals("block-sum", f[0]);
    assertEquals(1.5, Double.parseDouble(f[1]), 0.05, lines[1]);
    assertEquals("asymptotic", f[5]);
  }

  @Test
  void csvColumn() throws Exception {
    float[] x = new float[20_000];
    StableDistribution.symmetric(1.2, 1).fill(7L, x);
    StringBuilder sb = new StringBuilder("step,grad\n");
    for (int i = 0; i < x.length; i++) {
      sb.append(i).append(',').append(x[i]).append('\n');
    }
    Path csv = dir.resolve("g.csv");
    java.nio.file.Files.writeString(csv, sb);
    String[] r = run("tail-index", csv.toString(), "--column", "grad", "--json");
    assertEquals("0", r[0], r[2]);
    JsonNode o = new ObjectMapper().readTree(r[1].strip());
    assertEquals(20_000, o.get("n").asLong());
    // grid median: sd 0.0029 at n = 10⁶ and α = 1.2, so about 0.02 at n = 2·10⁴; 0.06 is 3 sd
    assertEquals(1.2, o.get("alpha").asDouble(), 0.06, r[1]);
    r = run("tail-index", csv.toString(), "--column", "loss");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("no column 'loss'"), r[2]);
  }

  @Test
  void badInputsNameTheProblem() {
    String[] r = run("tail-index", dir.resolve("nope.npy").toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("nope.npy does not exist"), r[2]);
    r = run("tail-index", file.toString(), "--method", "kurtosis");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("'kurtosis'"), r[2]);
    r = run("tail-index", file.toString(), "--m", "1");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--m 1"), r[2]);
  }
}
