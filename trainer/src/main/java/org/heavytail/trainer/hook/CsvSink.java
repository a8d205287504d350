package org.heavytail.trainer.hook;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An append-only CSV file with a header, readable by {@code Table.read().csv(file)}; a resumed
 * run appends to it (rows of recomputed steps appear twice, the later one wins). Write errors stop
 * the file with one warning and never reach training.
 */
final class CsvSink implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(CsvSink.class);

  private final Path file;
  private BufferedWriter out;
  private final StringBuilder line = new StringBuilder(256);
  private int field;

  CsvSink(Path file, String header) {
    this.file = file;
    try {
      Files.createDirectories(file.getParent());
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (fresh) {
        out.write(header);
        out.write('\n');
      }
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", file, e.getMessage());
      out = null;
    }
  }

  CsvSink add(long v) {
    sep().append(v);
    return this;
  }

  CsvSink add(String v) {
    sep().append(v);
    return this;
  }

  CsvSink add(double v) {
    StringBuilder s = sep();
    if (Double.isNaN(v)) {
      return this; // empty field = missing in Tablesaw
    }
    s.append(v); // Double.toString: round-trip form, always with a '.', locale-independent
    return this;
  }

  private StringBuilder sep() {
    if (field++ > 0) {
      line.append(',');
    }
    return line;
  }

  void endRow() {
    line.append('\n');
    field = 0;
    if (out != null) {
      try {
        out.append(line);
      } catch (IOException e) {
        LOG.warn("stopped writing {}: {}", file, e.getMessage());
        out = null;
      }
    }
    line.setLength(0);
  }

  void flush() {
    if (out != null) {
      try {
        out.flush();
      } catch (IOException e) {
        LOG.warn("stopped writing {}: {}", file, e.getMessage());
        out = null;
      }
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("closing {}: {}", file, e.getMessage());
      }
      out = null;
    }
  }
}
