package org.heavytail.trainer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contents of {@code store.json}: format version, storage type, chunk size, the layers with their
 * kept coordinates, and the writer sessions. Replaced atomically (write to a temporary file, then
 * rename) so a crash leaves either the old or the new version.
 *
 * @param format store format version ({@value #FORMAT})
 * @param dtype storage type label ({@code float32} / {@code float16})
 * @param chunkBytes target chunk size in bytes
 * @param layers layer name → description, in declaration order
 * @param segments writer sessions in order
 */
public record StoreMetadata(
    int format,
    String dtype,
    long chunkBytes,
    Map<String, LayerInfo> layers,
    List<StoreSegment> segments) {

  /** Current format version. */
  public static final int FORMAT = 1;

  /** File name inside the store directory. */
  public static final String FILE = "store.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Defensive copies. */
  public StoreMetadata {
    layers = new LinkedHashMap<>(layers);
    segments = new ArrayList<>(segments);
  }

  /** Storage type as an enum. */
  public StorageType storageType() {
    return StorageType.of(dtype);
  }

  StoreMetadata withLayer(LayerInfo layer) {
    Map<String, LayerInfo> l = new LinkedHashMap<>(layers);
    l.put(layer.name(), layer);
    return new StoreMetadata(format, dtype, chunkBytes, l, segments);
  }

  StoreMetadata withSegment(StoreSegment s) {
    List<StoreSegment> list = new ArrayList<>(segments);
    list.removeIf(x -> x.segment() == s.segment());
    list.add(s);
    list.sort((a, b) -> Integer.compare(a.segment(), b.segment()));
    return new StoreMetadata(format, dtype, chunkBytes, layers, list);
  }

  /**
   * Reads {@code dir/store.json}.
   *
   * @throws IOException naming the file when it is missing or malformed
   */
  public static StoreMetadata read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new IOException(f + " not found: " + dir + " is not a snapshot store");
    }
    StoreMetadata m;
    try {
      m = JSON.readValue(f.toFile(), StoreMetadata.class);
    } catch (IOException e) {
      throw new IOException(f + " is malformed: " + e.getMessage(), e);
    }
    if (m.format() != FORMAT) {
      throw new IOException(f + ": format " + m.format() + " is not supported (expected "
          + FORMAT + ")");
    }
    return m;
  }

  /** Writes {@code dir/store.json} atomically. */
  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
