package org.heavytail.trainer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final status of one point, stored as {@code status.json} in its directory: a point with
 * this file is finished (done or failed) and is skipped by a rerun (failed ones are rerun with
 * {@code --retry-failed}).
 *
 * @param id the point id
 * @param values the point's axis values
 * @param status {@link Status#DONE} or {@link Status#FAILED}
 * @param attempts how many times the point was run
 * @param steps training steps done
 * @param testLoss final test loss (NaN when not evaluated or failed)
 * @param testAccuracy final test accuracy (NaN when not evaluated, regression or failed)
 * @param stepsPerSecond training steps per second of wall time
 * @param seconds wall time of the training steps
 * @param noiseAlpha median over layers of the block-sum α̂ of the gradient noise at the last
 *     probe (NaN when the grid asks for no noise probe)
 * @param error the failure's message (null when done)
 */
public record PointResult(
    String id,
    Map<String, String> values,
    Status status,
    int attempts,
    long steps,
    double testLoss,
    double testAccuracy,
    double stepsPerSecond,
    double seconds,
    double noiseAlpha,
    String error) {

  /** Final status of a point. */
  public enum Status {
    /** Trained to the end. */
    DONE,
    /** Stopped by an error (recorded in {@code error}). */
    FAILED
  }

  /** File name in the point directory. */
  public static final String FILE = "status.json";

  /** Copies the values. */
  public PointResult {
    values = new LinkedHashMap<>(values);
  }

  /** A failed point. */
  public static PointResult failed(SweepPoint p, int attempts, String error) {
    return new PointResult(p.id(), p.values(), Status.FAILED, attempts, 0, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, error);
  }

  /** Writes {@code status.json} into {@code pointDir} (atomically: temp file then move). */
  public void write(Path pointDir) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode();
    n.put("id", id);
    ObjectNode v = n.putObject("values");
    values.forEach(v::put);
    n.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    n.put("attempts", attempts);
    n.put("steps", steps);
    putNumber(n, "testLoss", testLoss);
    putNumber(n, "testAccuracy", testAccuracy);
    putNumber(n, "stepsPerSecond", stepsPerSecond);
    putNumber(n, "seconds", seconds);
    putNumber(n, "noiseAlpha", noiseAlpha);
    n.put("error", error);
    Path tmp = pointDir.resolve(FILE + ".tmp");
    m.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
    Files.move(tmp, pointDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void putNumber(ObjectNode n, String k, double x) {
    if (Double.isFinite(x)) {
      n.put(k, x);
    } else {
      n.putNull(k);
    }
  }

  /** Reads {@code status.json} from {@code pointDir}, or null when the point has no final status. */
  public static PointResult read(Path pointDir) throws IOException {
    Path f = pointDir.resolve(FILE);
    if (!Files.exists(f)) {
      return null;
    }
    JsonNode n = new ObjectMapper().readTree(f.toFile());
    Map<String, String> v = new LinkedHashMap<>();
    n.path("values").fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asText()));
    String s = n.path("status").asText("");
    Status st;
    try {
      st = Status.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException(f + ": status '" + s + "': expected done or failed", e);
    }
    return new PointResult(n.path("id").asText(), v, st, n.path("attempts").asInt(1),
        n.path("steps").asLong(), num(n, "testLoss"), num(n, "testAccuracy"),
        num(n, "stepsPerSecond"), num(n, "seconds"), num(n, "noiseAlpha"),
        n.hasNonNull("error") ? n.get("error").asText() : null);
  }

  private static double num(JsonNode n, String k) {
    return n.hasNonNull(k) ? n.get(k).asDouble() : Double.NaN;
  }
}
