package org.heavytail.trainer.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Read access to a snapshot store written by {@link SnapshotWriter}: the manifest as a Tablesaw
 * table, and any (layer, kind) series streamed record by record without loading the store.
 *
 * <p>Opening never modifies the store. It checks every manifest entry against its chunk: entries
 * whose rows are on disk are readable (also those in an incomplete {@code .part} chunk left by a
 * crash), the others are reported by {@link #lostEntries()}; chunks never closed are reported by
 * {@link #incompleteChunks()}; a torn last manifest line is ignored and counted by {@link
 * #tornManifestBytes()}.
 *
 * <p>Resumed runs: an entry of segment s at step t is <em>superseded</em> when a later segment
 * started at a step ≤ t (the resumed run recomputed that step); {@link #records} skips
 * superseded entries, {@link #entries()} and {@link #manifest()} keep them.
 */
public final class SnapshotStore {

  private static final Logger LOG = LogManager.getLogger(SnapshotStore.class);

  private final Path dir;
  private final StoreMetadata meta;
  private final List<ManifestEntry> entries;
  private final long validManifestBytes;
  private final long tornBytes;
  private final Map<String, ChunkInfo> chunks = new HashMap<>();
  private final List<IncompleteChunk> incomplete = new ArrayList<>();
  private final List<ManifestEntry> lost = new ArrayList<>();
  private final Set<ManifestEntry> lostSet = new HashSet<>();

  private record ChunkInfo(Path path, boolean complete, long rows, long dataOffset,
      StorageType type, int width) {}

  private SnapshotStore(Path dir) throws IOException {
    this.dir = dir;
    this.meta = StoreMetadata.read(dir);
    ManifestFile mf = ManifestFile.read(dir.resolve(StoreLayout.MANIFEST));
    this.entries = List.copyOf(mf.entries());
    this.validManifestBytes = mf.validBytes();
    this.tornBytes = mf.tornBytes();
    Map<String, Long> listed = new LinkedHashMap<>();
    for (ManifestEntry e : entries) {
      if (!e.dropped()) {
        listed.merge(e.file(), e.offset() + e.rows(), Math::max);
      }
    }
    Set<String> parts = new HashSet<>(StoreLayout.partChunks(dir));
    for (String file : listed.keySet()) {
      chunks.put(file, inspect(file));
    }
    for (String file : parts) {
      chunks.computeIfAbsent(file, f -> {
        try {
          return inspect(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    for (ManifestEntry e : entries) {
      if (e.dropped()) {
        continue;
      }
      ChunkInfo c = chunks.get(e.file());
      if (e.offset() < 0 || e.offset() + e.rows() > c.rows() || c.width() != e.width()) {
        lost.add(e);
        lostSet.add(e);
      }
    }
    List<String> sortedParts = new ArrayList<>(parts);
    Collections.sort(sortedParts);
    for (String file : sortedParts) {
      ChunkInfo c = chunks.get(file);
      long rowsListed = listed.getOrDefault(file, 0L);
      long size = Files.size(c.path());
      long rowBytes = (long) Math.max(c.width(), 1) * c.type().bytes();
      long trailing = Math.max(0, size - c.dataOffset() - Math.min(rowsListed, c.rows()) * rowBytes);
      String[] p = file.split("/");
      incomplete.add(new IncompleteChunk(file + StoreLayout.PART, SnapshotKind.of(p[0]), p[1],
          c.rows(), rowsListed, trailing));
    }
    for (IncompleteChunk c : incomplete) {
      LOG.warn("snapshot store {}: {}", dir, c);
    }
    if (!lost.isEmpty()) {
      LOG.warn("snapshot store {}: {} manifest entries refer to rows not on disk", dir,
          lost.size());
    }
  }

  private ChunkInfo inspect(String file) throws IOException {
    Path done = dir.resolve(file);
    Path part = dir.resolve(file + StoreLayout.PART);
    boolean complete = Files.exists(done);
    Path p = complete ? done : part;
    if (!Files.exists(p)) {
      return new ChunkInfo(done, false, 0, 0, meta.storageType(), -1);
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ChunkHeader h;
      try {
        h = ChunkHeader.read(ch, p);
      } catch (IOException torn) {
        if (complete) {
          throw torn;
        }
        return new ChunkInfo(p, false, 0, ch.size(), meta.storageType(), -1);
      }
      if (h.shape().length != 2) {
        throw new IOException(p + ": chunk shape " + java.util.Arrays.toString(h.shape())
            + " is not [rows, width]");
      }
      StorageType t = StorageType.of(h.descr());
      int width = (int) h.shape()[1];
      long rows = h.shape()[0];
      long rowBytes = (long) width * t.bytes();
      long onDisk = (ch.size() - h.dataOffset()) / rowBytes;
      if (complete && onDisk < rows) {
        throw new IOException(p + ": header says " + rows + " rows but the file holds "
            + onDisk);
      }
      return new ChunkInfo(p, complete, complete ? rows : onDisk, h.dataOffset(), t, width);
    }
  }

  /**
   * Opens the store in {@code dir} for reading.
   *
   * @throws IOException naming the file when {@code store.json}, the manifest header or a
   *     finished chunk is missing or malformed
   */
  public static SnapshotStore open(Path dir) throws IOException {
    try {
      return new SnapshotStore(dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The store directory. */
  public Path directory() {
    return dir;
  }

  /** Contents of {@code store.json}. */
  public StoreMetadata metadata() {
    return meta;
  }

  /** Storage type of the values. */
  public StorageType storageType() {
    return meta.storageType();
  }

  /** Layers by name, in declaration order. */
  public Map<String, LayerInfo> layers() {
    return meta.layers();
  }

  /** Every complete manifest line, in file order (dropped, lost and superseded included). */
  public List<ManifestEntry> entries() {
    return entries;
  }

  /** Chunks never closed, in path order. */
  public List<IncompleteChunk> incompleteChunks() {
    return List.copyOf(incomplete);
  }

  /** Manifest entries whose rows are not on disk (a crash or truncation took them). */
  public List<ManifestEntry> lostEntries() {
    return List.copyOf(lost);
  }

  /** Bytes of a torn last manifest line that was ignored (0 when clean). */
  public long tornManifestBytes() {
    return tornBytes;
  }

  /**
   * The manifest as a Tablesaw table (columns of {@link ManifestEntry#HEADER}; segment, epoch,
   * rows, width, dropped as INTEGER, step and offset as LONG, the rest STRING). Equivalent to
   * {@code Table.read().csv("manifest.csv")} on a clean store, minus a torn last line.
   */
  public Table manifest() throws IOException {
    byte[] all = Files.readAllBytes(dir.resolve(StoreLayout.MANIFEST));
    InputStream in = new ByteArrayInputStream(all, 0, (int) validManifestBytes);
    ColumnType[] types = {
      ColumnType.INTEGER, ColumnType.LONG, ColumnType.INTEGER, ColumnType.STRING,
      ColumnType.STRING, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.STRING,
      ColumnType.STRING, ColumnType.LONG, ColumnType.INTEGER
    };
    return Table.read().usingOptions(CsvReadOptions.builder(in).tableName("manifest")
        .columnTypes(types).missingValueIndicator(""));
  }

  /** Whether {@code e} was not recomputed by a later (resumed) segment. */
  public boolean isLive(ManifestEntry e) {
    for (StoreSegment s : meta.segments()) {
      if (s.segment() > e.segment() && s.startStep() <= e.step()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The readable records of one series in manifest (step) order: not dropped, not lost, not
   * superseded.
   */
  public List<ManifestEntry> records(String layer, SnapshotKind kind) {
    List<ManifestEntry> out = new ArrayList<>();
    for (ManifestEntry e : entries) {
      if (!e.dropped() && e.kind() == kind && e.layer().equals(layer) && !lostSet.contains(e)
          && isLive(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The values of one record, {@code rows × width} floats row-major. */
  public float[] read(ManifestEntry e) throws IOException {
    float[] out = new float[e.rows() * e.width()];
    try (Reader r = new Reader()) {
      r.read(e).get(out);
    }
    return out;
  }

  /**
   * The values of {@code records} taken at {@code step}, concatenated in record order: one pooled
   * sample per step (for the noise probe, all minibatches of that step flattened together, as in
   * Şimşekli et al. 2019). Empty when no record has that step.
   */
  public float[] readStep(List<ManifestEntry> records, long step) throws IOException {
    List<float[]> parts = new ArrayList<>();
    int total = 0;
    for (ManifestEntry e : records) {
      if (e.step() == step) {
        float[] v = read(e);
        parts.add(v);
        total += v.length;
      }
    }
    float[] out = new float[total];
    int pos = 0;
    for (float[] v : parts) {
      System.arraycopy(v, 0, out, pos, v.length);
      pos += v.length;
    }
    return out;
  }

  /**
   * Streams the records of a series (see {@link #records}) to {@code visitor}, one buffer at a
   * time: memory stays at one record.
   */
  public void forEachRecord(String layer, SnapshotKind kind, RecordVisitor visitor)
      throws IOException {
    try (Reader r = new Reader()) {
      for (ManifestEntry e : records(layer, kind)) {
        visitor.accept(e, r.read(e));
      }
    }
  }

  /**
   * The rows of a series one by one as fresh arrays (convenient, not the fastest path: see
   * {@link #forEachRecord}). I/O errors surface as {@link UncheckedIOException}.
   */
  public Iterator<float[]> rows(String layer, SnapshotKind kind) {
    List<ManifestEntry> list = records(layer, kind);
    return new Iterator<>() {
      private final Reader reader = new Reader();
      private int next;
      private FloatBuffer current;
      private int width;

      @Override
      public boolean hasNext() {
        boolean more = (current != null && current.hasRemaining()) || next < list.size();
        if (!more) {
          reader.close();
        }
        return more;
      }

      @Override
      public float[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (current == null || !current.hasRemaining()) {
          ManifestEntry e = list.get(next++);
          try {
            current = reader.read(e);
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
          width = e.width();
        }
        float[] row = new float[width];
        current.get(row);
        return row;
      }
    };
  }

  /** Kept row-major coordinates of a subsampled layer, or {@code null} when all are kept. */
  public long[] coordinates(String layer) throws IOException {
    LayerInfo l = meta.layers().get(layer);
    if (l == null) {
      throw new IllegalArgumentException("layer '" + layer + "' is not in store " + dir
          + " (layers: " + meta.layers().keySet() + ")");
    }
    return l.indexFile() == null ? null : readIndices(dir.resolve(l.indexFile()));
  }

  static long[] readIndices(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ChunkHeader h = ChunkHeader.read(ch, file);
      if (!h.descr().equals("<i8") || h.shape().length != 1) {
        throw new IOException(file + ": expected int64 <i8 vector, found " + h);
      }
      ByteBuffer b = ByteBuffer.allocate((int) (h.shape()[0] * 8)).order(ByteOrder.LITTLE_ENDIAN);
      long pos = h.dataOffset();
      while (b.hasRemaining()) {
        int n = ch.read(b, pos);
        if (n < 0) {
          throw new IOException(file + ": truncated index file");
        }
        pos += n;
      }
      b.flip();
      long[] out = new long[(int) h.shape()[0]];
      b.asLongBuffer().get(out);
      return out;
    }
  }

  /** Positional reads into reused buffers; channels stay open until close. */
  private final class Reader implements AutoCloseable {
    private final Map<String, FileChannel> open = new HashMap<>();
    private ByteBuffer bytes = ByteBuffer.allocateDirect(0);
    private float[] halfDecoded = new float[0];
    private short[] halfBits = new short[0];

    FloatBuffer read(ManifestEntry e) throws IOException {
      if (e.dropped() || lostSet.contains(e)) {
        throw new IOException("record " + e.toCsv() + " is " + (e.dropped() ? "dropped" : "lost")
            + " and has no values");
      }
      ChunkInfo c = chunks.get(e.file());
      FileChannel ch = open.get(e.file());
      if (ch == null) {
        ch = FileChannel.open(c.path(), StandardOpenOption.READ);
        open.put(e.file(), ch);
      }
      int n = e.rows() * e.width();
      int len = n * c.type().bytes();
      if (bytes.capacity() < len) {
        bytes = ByteBuffer.allocateDirect(len).order(ByteOrder.LITTLE_ENDIAN);
      }
      bytes.clear().limit(len);
      long pos = c.dataOffset() + e.offset() * e.width() * (long) c.type().bytes();
      while (bytes.hasRemaining()) {
        int k = ch.read(bytes, pos);
        if (k < 0) {
          throw new IOException(c.path() + ": unexpected end of chunk reading " + e.toCsv());
        }
        pos += k;
      }
      bytes.flip();
      if (c.type() == StorageType.FLOAT32) {
        return bytes.asFloatBuffer();
      }
      if (halfDecoded.length < n) {
        halfDecoded = new float[n];
      }
      if (halfBits.length < n) {
        halfBits = new short[n];
      }
      bytes.asShortBuffer().get(halfBits, 0, n);
      for (int i = 0; i < n; i++) {
        halfDecoded[i] = HalfFloat.toFloat(halfBits[i]);
      }
      return FloatBuffer.wrap(halfDecoded, 0, n).slice();
    }

    @Override
    public void close() {
      for (FileChannel ch : open.values()) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // read-only channel
        }
      }
      open.clear();
    }
  }
}
