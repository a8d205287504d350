package org.heavytail.trainer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asynchronous writer of a snapshot store (layout in the package documentation).
 *
 * <p>{@link #submit} hands a record to a background thread through a queue bounded in bytes:
 * training never waits unless the queue is full; then it blocks until there is room ({@link
 * OverflowPolicy#BLOCK}, the default) or drops the record and writes a manifest line with {@code
 * dropped = 1} ({@link OverflowPolicy#DROP}).
 *
 * <p>Budget: when the values of accepted records would exceed {@code budgetBytes} (counting the
 * values already in a resumed store; chunk headers, manifest and indices are extra, below 1%),
 * snapshotting <em>stops</em>: later records are refused and counted, the store holds a complete
 * prefix of the run, and training goes on. Stopping rather than thinning keeps every stored step
 * contiguous.
 *
 * <p>I/O failure (e.g. a full disk, ENOSPC): the writer logs one error naming the file and the
 * step, stops snapshotting, truncates the open chunks to their last complete record, finalizes
 * them, and never throws into the training thread. The store stays readable.
 *
 * <p>Crash safety: rows are written before their manifest line; chunks are {@code .part} until
 * closed; see {@link SnapshotStore#open}. Resume ({@link Builder#optResume}) finalizes chunks left
 * by a crash and appends a new segment to the same store.
 */
public final class SnapshotWriter implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(SnapshotWriter.class);
  private static final int ENCODE_BUFFER_BYTES = 1 << 20;
  private static final int MAX_DROP_MARKERS = 1_000_000;

  /** Writer state. */
  public enum State {
    /** Accepting records. */
    RUNNING,
    /** The byte budget was reached; records are refused. */
    BUDGET_REACHED,
    /** An I/O error stopped snapshotting; records are refused. */
    FAILED,
    /** Closed. */
    CLOSED
  }

  private final Path dir;
  private final StorageType type;
  private final long chunkBytes;
  private final long queueBytes;
  private final long budgetBytes;
  private final OverflowPolicy overflow;
  private final OutputChannels out;
  private final boolean fsync;
  private final int segment;
  private final long startStep;
  private final String started;
  private final List<String> repairs;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long inFlight;
  private boolean idle = true;
  private boolean closing;
  private volatile State state = State.RUNNING;
  private volatile String stopReason;

  // counters (guarded by lock where written from submit, volatile reads for stats)
  private long acceptedBytes;
  private long submitted;
  private long droppedQueueFull;
  private long droppedStopped;
  private long blockedNanos;
  private volatile long written;
  private volatile long writtenBytes;

  private final Map<String, Integer> widths = new ConcurrentHashMap<>();
  private final Map<Integer, ArrayBlockingQueue<float[]>> pool = new ConcurrentHashMap<>();
  private StoreMetadata metadata;

  // writer-thread state
  private final Map<String, Chunk> chunks = new HashMap<>();
  private final StringBuilder manifestBuffer = new StringBuilder();
  private SeekableByteChannel manifest;
  private final ByteBuffer encode =
      ByteBuffer.allocateDirect(ENCODE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final short[] halfs = new short[ENCODE_BUFFER_BYTES / 2];
  private final Thread thread;

  /** A queued record, or (record == null) the manifest line of a dropped one. */
  private record Item(SnapshotRecord record, long bytes, ManifestEntry dropped) {}

  private static final class Chunk {
    final String file;
    final Path part;
    final SeekableByteChannel channel;
    final int width;
    final long rowBytes;
    long rows;

    Chunk(String file, Path part, SeekableByteChannel channel, int width, long rowBytes) {
      this.file = file;
      this.part = part;
      this.channel = channel;
      this.width = width;
      this.rowBytes = rowBytes;
    }
  }

  private SnapshotWriter(Builder b) throws IOException {
    this.dir = b.dir;
    this.chunkBytes = b.chunkBytes;
    this.queueBytes = b.queueBytes;
    this.budgetBytes = b.budgetBytes;
    this.overflow = b.overflow;
    this.out = b.out;
    this.fsync = b.fsync;
    this.startStep = b.resumeStep < 0 ? 0 : b.resumeStep;
    this.started = Instant.now().toString();
    Files.createDirectories(dir);
    Path manifestPath = dir.resolve(StoreLayout.MANIFEST);
    boolean exists = Files.exists(dir.resolve(StoreMetadata.FILE));
    this.repairs = new ArrayList<>();
    if (exists && b.resumeStep < 0) {
      throw new IllegalStateException("snapshot store " + dir
          + " already exists; resume it (optResume) or choose another directory");
    }
    long existingBytes = 0;
    if (exists) {
      StoreMetadata old = StoreMetadata.read(dir);
      if (old.storageType() != b.type) {
        LOG.warn("snapshot store {} holds {}; resuming with {} as requested -> keeping {}",
            dir, old.dtype(), b.type.label(), old.dtype());
      }
      this.type = old.storageType();
      ManifestFile mf = repair(manifestPath);
      for (ManifestEntry e : mf.entries()) {
        if (!e.dropped()) {
          existingBytes += e.valueBytes();
          widths.putIfAbsent(key(e.kind(), e.layer()), e.width());
        }
      }
      int seg = old.segments().stream().mapToInt(StoreSegment::segment).max().orElse(-1) + 1;
      seg = Math.max(seg,
          mf.entries().stream().mapToInt(ManifestEntry::segment).max().orElse(-1) + 1);
      this.segment = seg;
      this.metadata = old;
    } else {
      this.type = b.type;
      this.segment = 0;
      this.metadata = new StoreMetadata(StoreMetadata.FORMAT, type.label(), chunkBytes,
          new LinkedHashMap<>(), new ArrayList<>());
      Files.write(manifestPath,
          (ManifestEntry.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    this.acceptedBytes = existingBytes;
    this.metadata = metadata.withSegment(
        new StoreSegment(segment, startStep, started, null, 0, 0, 0, 0, null));
    metadata.write(dir);
    this.manifest = out.open(manifestPath);
    manifest.position(manifest.size());
    if (acceptedBytes >= budgetBytes) {
      stop(State.BUDGET_REACHED, "snapshot budget " + ByteSize.format(budgetBytes)
          + " already used by the existing store (" + ByteSize.format(acceptedBytes) + ")");
    }
    this.thread = new Thread(this::run, "snapshot-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** A builder for a writer on store directory {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  // ------------------------------------------------------------------ layers and buffers

  /**
   * Declares a layer whose records keep all coordinates ({@code indices == null}) or the given
   * sorted, distinct row-major coordinates drawn with {@code seed}; writes the index file and
   * {@code store.json}. On resume, a layer must be declared exactly as before.
   *
   * @throws IllegalArgumentException if the indices are out of range or differ from the store's
   */
  public synchronized LayerInfo declareLayer(String name, long[] shape, long[] indices, Long seed)
      throws IOException {
    LayerInfo.checkName(name);
    long size = 1;
    for (long s : shape) {
      size *= s;
    }
    int coords;
    String indexFile = null;
    if (indices != null) {
      for (int i = 0; i < indices.length; i++) {
        if (indices[i] < 0 || indices[i] >= size || (i > 0 && indices[i] <= indices[i - 1])) {
          throw new IllegalArgumentException("layer " + name + ": index " + indices[i]
              + " at position " + i + " is not ascending in [0, " + size + ")");
        }
      }
      coords = indices.length;
      indexFile = StoreLayout.indexFile(name);
    } else {
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("layer " + name + " has " + size
            + " elements; subsample it (at most " + Integer.MAX_VALUE + " per row)");
      }
      coords = (int) size;
    }
    LayerInfo info = new LayerInfo(name, shape.clone(), coords, indexFile,
        indices == null ? null : seed);
    LayerInfo old = metadata.layers().get(name);
    if (old != null) {
      if (!old.equals(info)) {
        throw new IllegalArgumentException("layer " + name + " is declared as " + info
            + " but the store holds " + old);
      }
      if (indices != null) {
        long[] stored = SnapshotStore.readIndices(dir.resolve(old.indexFile()));
        if (!java.util.Arrays.equals(stored, indices)) {
          throw new IllegalArgumentException("layer " + name
              + ": kept coordinates differ from those in " + dir.resolve(old.indexFile()));
        }
      }
      return old;
    }
    if (indices != null) {
      Path f = dir.resolve(indexFile);
      Files.createDirectories(f.getParent());
      ByteBuffer h = ChunkHeader.encode("<i8", new long[] {indices.length});
      ByteBuffer data = ByteBuffer.allocate(indices.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      data.asLongBuffer().put(indices);
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.WRITE,
          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(new ByteBuffer[] {h, data});
      }
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    metadata = metadata.withLayer(info);
    metadata.write(dir);
    return info;
  }

  /**
   * A float array of exactly {@code length} values for a record, recycled from records already
   * written when possible (avoids touching fresh memory every step).
   */
  public float[] borrow(int length) {
    ArrayBlockingQueue<float[]> q = pool.get(length);
    float[] a = q == null ? null : q.poll();
    return a != null ? a : new float[length];
  }

  private void recycle(float[] a) {
    pool.computeIfAbsent(a.length, n -> new ArrayBlockingQueue<>(32)).offer(a);
  }

  // ------------------------------------------------------------------ submit

  /**
   * Hands a record to the writer. Returns {@code true} if it was queued; {@code false} if it was
   * dropped (queue full in drop mode) or refused (budget reached, I/O failure, closed).
   *
   * @throws IllegalArgumentException if its width differs from earlier records of its series
   */
  public boolean submit(SnapshotRecord r) {
    Objects.requireNonNull(r, "record");
    String k = key(r.kind(), r.layer());
    Integer w = widths.putIfAbsent(k, r.width());
    if (w != null && w != r.width()) {
      throw new IllegalArgumentException("record " + k + " at step " + r.step() + " has width "
          + r.width() + ", earlier records of this series have width " + w);
    }
    long bytes = r.values() * type.bytes();
    lock.lock();
    try {
      submitted++;
      if (state != State.RUNNING || closing) {
        droppedStopped++;
        recycle(r.data());
        return false;
      }
      if (acceptedBytes + bytes > budgetBytes) {
        stop(State.BUDGET_REACHED, "snapshot budget " + ByteSize.format(budgetBytes)
            + " reached at step " + r.step() + " (" + ByteSize.format(acceptedBytes)
            + " stored): snapshots stop, training continues");
        droppedStopped++;
        recycle(r.data());
        return false;
      }
      if (queuedBytes > 0 && queuedBytes + bytes > queueBytes) {
        if (overflow == OverflowPolicy.DROP) {
          droppedQueueFull++;
          recycle(r.data());
          if (queue.size() < MAX_DROP_MARKERS) {
            queue.add(new Item(null, 0, new ManifestEntry(segment, r.step(), r.epoch(),
                r.layer(), r.kind(), r.rows(), r.width(), type, "", -1, true)));
            idle = false;
            notEmpty.signal();
          }
          return false;
        }
        long t0 = System.nanoTime();
        while (queuedBytes > 0 && queuedBytes + bytes > queueBytes && state == State.RUNNING) {
          notFull.awaitUninterruptibly();
        }
        blockedNanos += System.nanoTime() - t0;
        if (state != State.RUNNING) {
          droppedStopped++;
          recycle(r.data());
          return false;
        }
      }
      acceptedBytes += bytes;
      queuedBytes += bytes;
      idle = false;
      queue.add(new Item(r, bytes, null));
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every queued record is written and its manifest line is in the file. */
  public void flush() {
    lock.lock();
    try {
      while (!idle && thread.isAlive()) {
        drained.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ status

  /** Current state. */
  public State state() {
    return state;
  }

  /** Why snapshotting stopped early, or {@code null}. */
  public String stopReason() {
    return stopReason;
  }

  /** This session's segment index. */
  public int segment() {
    return segment;
  }

  /** Storage type of the values. */
  public StorageType storageType() {
    return type;
  }

  /** What resume repaired (chunks finalized, torn manifest tail removed); empty otherwise. */
  public List<String> repairs() {
    return List.copyOf(repairs);
  }

  /** Counters of this session. */
  public Stats stats() {
    lock.lock();
    try {
      return new Stats(submitted, written, droppedQueueFull, droppedStopped, writtenBytes,
          blockedNanos / 1e9, state);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counters of a writer session.
   *
   * @param submitted records passed to submit
   * @param written records written
   * @param droppedQueueFull records dropped because the queue was full (drop mode)
   * @param droppedStopped records refused after a stop (budget, failure, close)
   * @param valueBytes bytes of values written
   * @param blockedSeconds time submit spent blocked by back-pressure
   * @param state writer state
   */
  public record Stats(long submitted, long written, long droppedQueueFull, long droppedStopped,
      long valueBytes, double blockedSeconds, State state) {}

  // ------------------------------------------------------------------ writer thread

  private void run() {
    try {
      while (true) {
        Item item;
        lock.lock();
        try {
          item = queue.poll();
          if (item != null) {
            inFlight++;
          }
        } finally {
          lock.unlock();
        }
        if (item == null) {
          flushManifest();
          lock.lock();
          try {
            if (queue.isEmpty() && inFlight == 0) {
              idle = true;
              drained.signalAll();
            }
            while (queue.isEmpty() && !closing) {
              notEmpty.awaitUninterruptibly();
            }
            if (queue.isEmpty()) {
              break;
            }
          } finally {
            lock.unlock();
          }
          continue;
        }
        try {
          process(item);
        } finally {
          lock.lock();
          try {
            inFlight--;
            queuedBytes -= item.bytes();
            notFull.signalAll();
          } finally {
            lock.unlock();
          }
        }
      }
      flushManifest();
    } catch (RuntimeException | Error e) {
      fail("snapshot writer crashed: " + e, e);
    } finally {
      closeChunks();
      lock.lock();
      try {
        idle = true;
        drained.signalAll();
        notFull.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void process(Item item) {
    SnapshotRecord r = item.record();
    if (r == null) {
      if (state != State.FAILED) {
        manifestBuffer.append(item.dropped().toCsv()).append('\n');
      }
      return;
    }
    if (state == State.FAILED) {
      recycle(r.data());
      return;
    }
    String file = null;
    try {
      Chunk c = chunkFor(r);
      file = c.file;
      long offset = c.rows;
      writeValues(c.channel, r.data(), (int) r.values());
      c.rows += r.rows();
      written++;
      writtenBytes += item.bytes();
      manifestBuffer.append(new ManifestEntry(segment, r.step(), r.epoch(), r.layer(), r.kind(),
          r.rows(), r.width(), type, c.file, offset, false).toCsv()).append('\n');
      if (manifestBuffer.length() > 1 << 16) {
        flushManifest();
      }
      if (c.channel.position() >= chunkBytes) {
        finish(c);
        chunks.remove(key(r.kind(), r.layer()));
      }
    } catch (IOException e) {
      fail("snapshots stopped at step " + r.step() + ": writing " + dir.resolve(
          file == null ? key(r.kind(), r.layer()) : file) + " failed (" + e.getMessage()
          + "); the store keeps every record before step " + r.step()
          + ", training continues", e);
    } finally {
      recycle(r.data());
    }
  }

  private Chunk chunkFor(SnapshotRecord r) throws IOException {
    String k = key(r.kind(), r.layer());
    Chunk c = chunks.get(k);
    if (c != null) {
      return c;
    }
    int index = StoreLayout.nextChunkIndex(dir, r.kind(), r.layer());
    String file = StoreLayout.chunk(r.kind(), r.layer(), index);
    Path part = dir.resolve(file + StoreLayout.PART);
    Files.createDirectories(part.getParent());
    SeekableByteChannel ch = out.open(part);
    ch.truncate(0);
    writeFully(ch, ChunkHeader.encode(type.descr(), new long[] {0, r.width()},
        ChunkHeader.CHUNK_HEADER_BYTES));
    c = new Chunk(file, part, ch, r.width(), (long) r.width() * type.bytes());
    chunks.put(k, c);
    return c;
  }

  private void writeValues(SeekableByteChannel ch, float[] data, int n) throws IOException {
    int perSlice = ENCODE_BUFFER_BYTES / type.bytes();
    for (int off = 0; off < n; off += perSlice) {
      int m = Math.min(perSlice, n - off);
      encode.clear();
      if (type == StorageType.FLOAT32) {
        FloatBuffer fb = encode.asFloatBuffer();
        fb.put(data, off, m);
        encode.limit(m * 4);
      } else {
        for (int i = 0; i < m; i++) {
          halfs[i] = HalfFloat.fromFloat(data[off + i]);
        }
        encode.asShortBuffer().put(halfs, 0, m);
        encode.limit(m * 2);
      }
      writeFully(ch, encode);
    }
  }

  private static void writeFully(SeekableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Rewrites the header with the final row count, truncates, and renames .part to .npy. */
  private void finish(Chunk c) throws IOException {
    long end = ChunkHeader.CHUNK_HEADER_BYTES + c.rows * c.rowBytes;
    try {
      c.channel.truncate(end);
      c.channel.position(0);
      writeFully(c.channel, ChunkHeader.encode(type.descr(), new long[] {c.rows, c.width},
          ChunkHeader.CHUNK_HEADER_BYTES));
      if (fsync && c.channel instanceof FileChannel fc) {
        fc.force(true);
      }
    } finally {
      c.channel.close();
    }
    Files.move(c.part, dir.resolve(c.file), StandardCopyOption.ATOMIC_MOVE);
  }

  private void flushManifest() {
    if (manifestBuffer.length() == 0 || state == State.FAILED) {
      manifestBuffer.setLength(0);
      return;
    }
    try {
      writeFully(manifest,
          ByteBuffer.wrap(manifestBuffer.toString().getBytes(StandardCharsets.UTF_8)));
      manifestBuffer.setLength(0);
    } catch (IOException e) {
      manifestBuffer.setLength(0);
      fail("snapshots stopped: appending to " + dir.resolve(StoreLayout.MANIFEST) + " failed ("
          + e.getMessage() + "); records already listed stay readable, training continues", e);
    }
  }

  private void closeChunks() {
    for (Chunk c : chunks.values()) {
      try {
        finish(c);
      } catch (IOException e) {
        LOG.error("snapshot chunk {} could not be finalized ({}); it stays as {} and "
            + "SnapshotStore.open reports it as incomplete", c.file, e.getMessage(),
            c.part.getFileName());
      }
    }
    chunks.clear();
    try {
      manifest.close();
    } catch (IOException e) {
      LOG.warn("closing {}: {}", dir.resolve(StoreLayout.MANIFEST), e.getMessage());
    }
  }

  private void fail(String message, Throwable e) {
    lock.lock();
    try {
      if (state == State.FAILED) {
        return;
      }
      stop(State.FAILED, message);
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    LOG.error(message);
    LOG.debug("snapshot writer failure", e);
  }

  /** Caller holds the lock or is the constructor. */
  private void stop(State s, String reason) {
    if (state != State.RUNNING) {
      return;
    }
    state = s;
    stopReason = reason;
    if (s == State.BUDGET_REACHED) {
      LOG.warn(reason);
    }
  }

  // ------------------------------------------------------------------ close and resume

  /**
   * Writes every queued record, finalizes the open chunks, and records this session in {@code
   * store.json}. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Stats s = stats();
    try {
      metadata = metadata.withSegment(new StoreSegment(segment, startStep, started,
          Instant.now().toString(), s.written(), s.droppedQueueFull(), s.droppedStopped(),
          s.valueBytes(), stopReason));
      metadata.write(dir);
    } catch (IOException e) {
      LOG.warn("could not update {}: {}", dir.resolve(StoreMetadata.FILE), e.getMessage());
    }
    if (state == State.RUNNING) {
      state = State.CLOSED;
    }
  }

  private ManifestFile repair(Path manifestPath) throws IOException {
    ManifestFile mf = ManifestFile.read(manifestPath);
    if (mf.tornBytes() > 0) {
      try (FileChannel ch = FileChannel.open(manifestPath,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(mf.validBytes());
      }
      repairs.add("removed a torn last manifest line (" + mf.tornBytes() + " bytes)");
    }
    Map<String, Long> known = new HashMap<>();
    for (ManifestEntry e : mf.entries()) {
      if (!e.dropped()) {
        known.merge(e.file(), e.offset() + e.rows(), Math::max);
      }
    }
    for (String file : StoreLayout.partChunks(dir)) {
      Path part = dir.resolve(file + StoreLayout.PART);
      try (FileChannel ch = FileChannel.open(part, java.nio.file.StandardOpenOption.READ,
          java.nio.file.StandardOpenOption.WRITE)) {
        ChunkHeader h;
        try {
          h = ChunkHeader.read(ch, part);
        } catch (IOException torn) {
          h = null;
        }
        if (h == null) {
          ch.close();
          Files.delete(part);
          repairs.add("deleted chunk " + file + " whose header was never completely written");
          continue;
        }
        long width = h.shape().length == 2 ? h.shape()[1] : 1;
        long rowBytes = width * StorageType.of(h.descr()).bytes();
        long onDisk = (ch.size() - h.dataOffset()) / rowBytes;
        long keep = Math.min(onDisk, known.getOrDefault(file, 0L));
        ch.truncate(h.dataOffset() + keep * rowBytes);
        ch.write(ChunkHeader.encode(h.descr(), new long[] {keep, width}, (int) h.dataOffset()), 0);
        repairs.add("finalized incomplete chunk " + file + " with " + keep + " rows ("
            + (onDisk - keep) + " unlisted rows dropped)");
      }
      Files.move(part, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
    }
    for (String r : repairs) {
      LOG.warn("snapshot store {}: {}", dir, r);
    }
    return ManifestFile.read(manifestPath);
  }

  static String key(SnapshotKind kind, String layer) {
    return kind.label() + "/" + layer;
  }

  // ------------------------------------------------------------------ builder

  /** Builder of a {@link SnapshotWriter}. */
  public static final class Builder {
    private final Path dir;
    private StorageType type = StorageType.FLOAT32;
    private long chunkBytes = 64L << 20;
    private long queueBytes = 128L << 20;
    private long budgetBytes = Long.MAX_VALUE;
    private OverflowPolicy overflow = OverflowPolicy.BLOCK;
    private OutputChannels out = OutputChannels.files();
    private boolean fsync;
    private long resumeStep = -1;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** Storage type of values (default float32). */
    public Builder optStorageType(StorageType t) {
      this.type = Objects.requireNonNull(t, "storage type");
      return this;
    }

    /** Target chunk size (default 64 MiB); a chunk closes once it reaches this size. */
    public Builder optChunkBytes(long bytes) {
      this.chunkBytes = positive("chunk size", bytes);
      return this;
    }

    /** Queue capacity in bytes of values (default 128 MiB); one larger record always fits. */
    public Builder optQueueBytes(long bytes) {
      this.queueBytes = positive("queue size", bytes);
      return this;
    }

    /** Budget in bytes of stored values (default unlimited); snapshots stop when reached. */
    public Builder optBudgetBytes(long bytes) {
      this.budgetBytes = positive("snapshot budget", bytes);
      return this;
    }

    /** What to do when the queue is full (default {@link OverflowPolicy#BLOCK}). */
    public Builder optOverflow(OverflowPolicy p) {
      this.overflow = Objects.requireNonNull(p, "overflow policy");
      return this;
    }

    /** Channel factory (default plain files); tests inject failing channels. */
    public Builder optOutput(OutputChannels channels) {
      this.out = Objects.requireNonNull(channels, "output channels");
      return this;
    }

    /** Whether to fsync a chunk before renaming it (default false: SIGKILL-safe, not power-safe). */
    public Builder optFsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /**
     * Appends to an existing store (if any) as a new segment starting at {@code startStep};
     * chunks left by a crash are finalized first. Without it an existing store is an error.
     */
    public Builder optResume(long startStep) {
      if (startStep < 0) {
        throw new IllegalArgumentException("resume step must be >= 0, got " + startStep);
      }
      this.resumeStep = startStep;
      return this;
    }

    /**
     * Opens the store and starts the writer thread.
     *
     * @throws IOException if the directory cannot be created or an existing store is unreadable
     */
    public SnapshotWriter build() throws IOException {
      return new SnapshotWriter(this);
    }

    private static long positive(String what, long v) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be > 0 bytes, got " + v);
      }
      return v;
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
