package org.heavytail.trainer.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The files of a run directory:
 *
 * <pre>
 * config.json          the config as given plus resolved values (device, steps, sizes, versions)
 * steps.csv            step,epoch,loss            one row per step (minibatch loss at θ_k)
 * epochs.csv           epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,seconds
 *                      (written with Tablesaw after every epoch)
 * checkpoints/         step-NNNNNNNNNN.ckpt, see {@link Checkpoint}
 * status.json          {"state": "running"|"completed"|"failed", "step": ..., "message": ...}
 * FAILED.txt           the one-line reason, only when the run failed
 * </pre>
 *
 * On resume, rows of steps.csv and epochs.csv past the checkpoint's step are dropped, so the
 * files read as if the run had never stopped.
 */
public final class RunDirectory implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path dir;
  private final List<EpochSummary> epochs = new ArrayList<>();
  private BufferedWriter steps;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) a run directory. */
  public static RunDirectory open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new RunDirectory(dir);
  }

  /** The folder. */
  public Path path() {
    return dir;
  }

  /** The checkpoint folder. */
  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  /** Writes config.json atomically. */
  public void writeConfig(ObjectNode config) throws IOException {
    writeAtomically(dir.resolve("config.json"), JSON.writeValueAsString(config));
  }

  /** Reads config.json. */
  public ObjectNode readConfig() throws IOException {
    Path f = dir.resolve("config.json");
    if (!Files.exists(f)) {
      throw new IOException(dir + ": no config.json, not a heavytail run directory");
    }
    return (ObjectNode) JSON.readTree(f.toFile());
  }

  /**
   * Prepares steps.csv and epochs.csv for steps from {@code startStep} on: a new run starts them
   * empty, a resumed one keeps the rows before {@code startStep}.
   */
  public void startMetrics(long startStep) throws IOException {
    Path sf = dir.resolve("steps.csv");
    List<String> keep = new ArrayList<>();
    keep.add("step,epoch,loss");
    if (startStep > 0 && Files.exists(sf)) {
      List<String> lines = Files.readAllLines(sf, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String l = lines.get(i);
        int c = l.indexOf(',');
        if (c > 0) {
          try {
            if (Long.parseLong(l.substring(0, c)) < startStep && l.split(",").length == 3) {
              keep.add(l);
            }
          } catch (NumberFormatException e) {
            // a torn last line of a killed run: drop it
          }
        }
      }
    }
    writeAtomically(sf, String.join("\n", keep) + "\n");
    steps = Files.newBufferedWriter(sf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    epochs.clear();
    Path ef = dir.resolve("epochs.csv");
    if (startStep > 0 && Files.exists(ef)) {
      Table t = Table.read().csv(ef.toFile());
      for (int r = 0; r < t.rowCount(); r++) {
        long step = ((Number) t.column("step").get(r)).longValue();
        if (step <= startStep) {
          epochs.add(new EpochSummary(((Number) t.column("epoch").get(r)).intValue(), step,
              num(t, "train_loss", r), num(t, "train_accuracy", r), num(t, "test_loss", r),
              num(t, "test_accuracy", r), num(t, "seconds", r)));
        }
      }
    }
    writeEpochs();
  }

  private static double num(Table t, String col, int r) {
    Object v = t.column(col).get(r);
    // a column with no value at all (test_loss without --evaluate-test) is read as text
    return v instanceof Number x ? x.doubleValue() : Double.NaN;
  }

  /** Appends one row to steps.csv (buffered; flushed at checkpoints and at the end). */
  public void logStep(long step, int epoch, float loss) {
    try {
      steps.write(Long.toString(step));
      steps.write(',');
      steps.write(Integer.toString(epoch));
      steps.write(',');
      steps.write(Float.toString(loss));
      steps.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes steps.csv. */
  public void flush() throws IOException {
    if (steps != null) {
      steps.flush();
    }
  }

  /** Adds an epoch row and rewrites epochs.csv with Tablesaw. */
  public void logEpoch(EpochSummary e) throws IOException {
    epochs.add(e);
    writeEpochs();
  }

  /** The epoch rows so far. */
  public List<EpochSummary> epochs() {
    return List.copyOf(epochs);
  }

  private void writeEpochs() throws IOException {
    int n = epochs.size();
    IntColumn epoch = IntColumn.create("epoch");
    LongColumn step = LongColumn.create("step");
    DoubleColumn trainLoss = DoubleColumn.create("train_loss");
    DoubleColumn trainAcc = DoubleColumn.create("train_accuracy");
    DoubleColumn testLoss = DoubleColumn.create("test_loss");
    DoubleColumn testAcc = DoubleColumn.create("test_accuracy");
    DoubleColumn secs = DoubleColumn.create("seconds");
    for (int i = 0; i < n; i++) {
      EpochSummary e = epochs.get(i);
      epoch.append(e.epoch());
      step.append(e.step());
      trainLoss.append(e.trainLoss());
      trainAcc.append(e.trainAccuracy());
      testLoss.append(e.testLoss());
      testAcc.append(e.testAccuracy());
      secs.append(e.seconds());
    }
    Table t = Table.create("epochs", epoch, step, trainLoss, trainAcc, testLoss, testAcc, secs);
    Path tmp = dir.resolve("epochs.csv.tmp");
    t.write().csv(tmp.toFile());
    Files.move(tmp, dir.resolve("epochs.csv"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes status.json: state, step and message. */
  public void writeStatus(String state, long step, String message, ObjectNode extra)
      throws IOException {
    ObjectNode s = JSON.createObjectNode();
    s.put("state", state);
    s.put("step", step);
    s.put("message", message);
    if (extra != null) {
      s.setAll(extra);
    }
    writeAtomically(dir.resolve("status.json"), JSON.writeValueAsString(s));
  }

  /** Writes FAILED.txt with the one-line reason. */
  public void writeFailure(String reason) throws IOException {
    writeAtomically(dir.resolve("FAILED.txt"), reason + "\n");
  }

  /** Removes FAILED.txt (a resumed run starts clean). */
  public void clearFailure() throws IOException {
    Files.deleteIfExists(dir.resolve("FAILED.txt"));
  }

  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  @Override
  public void close() throws IOException {
    if (steps != null) {
      steps.close();
      steps = null;
    }
  }
}
