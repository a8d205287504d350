package org.heavytail.trainer.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.store.OverflowPolicy;
import org.heavytail.trainer.store.SnapshotWriter;
import org.heavytail.trainer.store.StorageType;

/**
 * The snapshot store of a run, shared by the hooks that write to it: the first hook to begin opens
 * {@code <runDir>/snapshots} (resuming it when it exists), the last to end closes it. Each hook
 * describes what it takes; the descriptions and the writer's counters go to {@code
 * snapshots/hooks.json}, so the run directory records what was taken.
 */
public final class SnapshotSink {

  private static final Logger LOG = LogManager.getLogger(SnapshotSink.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Directory name of the store inside the run directory. */
  public static final String DIR = "snapshots";

  private final StorageType type;
  private final long budgetBytes;
  private final long queueBytes;
  private final long chunkBytes;
  private final OverflowPolicy overflow;
  private final Map<String, Object> hooks = new LinkedHashMap<>();
  private SnapshotWriter writer;
  private Path dir;
  private int users;

  private SnapshotSink(Builder b) {
    this.type = b.type;
    this.budgetBytes = b.budgetBytes;
    this.queueBytes = b.queueBytes;
    this.chunkBytes = b.chunkBytes;
    this.overflow = b.overflow;
  }

  /** A builder with float32, no budget, a 256 MiB queue, 64 MiB chunks, back-pressure. */
  public static Builder builder() {
    return new Builder();
  }

  /** Records what a hook takes (written to {@code hooks.json}). */
  public synchronized void describe(String hook, Map<String, Object> description) {
    hooks.put(hook, new LinkedHashMap<>(description));
    if (writer != null) {
      writeDescription();
    }
  }

  /**
   * Opens (first caller) or joins the store of {@code run}.
   *
   * @throws UncheckedIOException when the store cannot be opened
   */
  public synchronized SnapshotWriter open(RunInfo run) {
    if (writer == null) {
      dir = run.runDir().resolve(DIR);
      try {
        SnapshotWriter.Builder b = SnapshotWriter.builder(dir).optStorageType(type)
            .optQueueBytes(queueBytes).optChunkBytes(chunkBytes).optOverflow(overflow);
        if (budgetBytes > 0) {
          b.optBudgetBytes(budgetBytes);
        }
        if (Files.exists(dir.resolve("store.json"))) {
          b.optResume(run.startStep());
        }
        writer = b.build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open snapshot store " + dir + ": "
            + e.getMessage(), e);
      }
      writeDescription();
    }
    users++;
    return writer;
  }

  /** The open writer. */
  public synchronized SnapshotWriter writer() {
    if (writer == null) {
      throw new IllegalStateException("snapshot store not open: onTrainingBegin not called");
    }
    return writer;
  }

  /** Leaves the store; the last user closes it. */
  public synchronized void close() {
    if (writer == null || --users > 0) {
      return;
    }
    writer.close();
    SnapshotWriter.Stats s = writer.stats();
    LOG.info("snapshot store {}: {} records, {} bytes, {} dropped (queue full), {} refused; "
        + "training waited {} s on the writer", dir, s.written(), s.valueBytes(),
        s.droppedQueueFull(), s.droppedStopped(), String.format("%.3f", s.blockedSeconds()));
    writeDescription();
    writer = null;
  }

  private void writeDescription() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("storageType", type.label());
    doc.put("budgetBytes", budgetBytes > 0 ? budgetBytes : null);
    doc.put("budgetPolicy", "stop: snapshots stop when the budget is reached, training goes on");
    doc.put("overflow", overflow.name().toLowerCase(java.util.Locale.ROOT));
    doc.put("hooks", hooks);
    if (writer != null) {
      doc.put("segment", writer.segment());
      doc.put("writer", writer.stats());
      doc.put("stopReason", writer.stopReason());
    }
    try {
      Path tmp = dir.resolve("hooks.json.tmp");
      JSON.writeValue(tmp.toFile(), doc);
      Files.move(tmp, dir.resolve("hooks.json"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not write {}: {}", dir.resolve("hooks.json"), e.getMessage());
    }
  }

  /** Builder of a {@link SnapshotSink}. */
  public static final class Builder {
    private StorageType type = StorageType.FLOAT32;
    private long budgetBytes;
    private long queueBytes = 256L << 20;
    private long chunkBytes = 64L << 20;
    private OverflowPolicy overflow = OverflowPolicy.BLOCK;

    private Builder() {}

    /** Storage type (default float32). */
    public Builder optStorageType(StorageType t) {
      this.type = Objects.requireNonNull(t);
      return this;
    }

    /** Budget in bytes of stored values; 0 = unlimited (default). */
    public Builder optBudgetBytes(long b) {
      this.budgetBytes = Require.atLeast("--snapshot-budget", b, 0);
      return this;
    }

    /** Writer queue capacity in bytes (default 256 MiB). */
    public Builder optQueueBytes(long b) {
      this.queueBytes = b;
      return this;
    }

    /** Chunk size in bytes (default 64 MiB). */
    public Builder optChunkBytes(long b) {
      this.chunkBytes = b;
      return this;
    }

    /** Full-queue policy (default back-pressure). */
    public Builder optOverflow(OverflowPolicy p) {
      this.overflow = Objects.requireNonNull(p);
      return this;
    }

    /** Builds the sink. */
    public SnapshotSink build() {
      return new SnapshotSink(this);
    }
  }
}
