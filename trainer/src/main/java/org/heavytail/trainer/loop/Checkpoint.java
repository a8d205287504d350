package org.heavytail.trainer.loop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.heavytail.trainer.optim.OptimizerState;

/**
 * Everything a run needs to continue exactly: the number of steps done, every parameter value
 * (batch-norm running statistics included), the optimizer state and the loop's own scalars
 * (the running sums of the current epoch's train metrics). The sampler needs no state beyond the
 * step (see {@link EpochSampler}).
 *
 * <p>File format ({@code checkpoints/step-NNNNNNNNNN.ckpt}, big-endian {@link DataOutputStream}):
 * magic {@code HTCKPT01}; step (long); the weights, the optimizer's arrays as
 * (count, then per entry: UTF name, length, float32 values); optimizer name (UTF); optimizer
 * scalars and loop scalars as (count, then UTF name, double); a trailing CRC-32 of all preceding
 * bytes. Written to a temporary file in the same folder, forced to disk, then renamed atomically
 * over the final name, so a reader sees either the old set of checkpoints or the new one, never
 * a partial file.
 *
 * @param step steps done (the next step to run)
 * @param weights parameter values by name, in model order
 * @param optimizer the optimizer's state
 * @param loop the loop's scalars
 */
public record Checkpoint(
    long step, Map<String, float[]> weights, OptimizerState optimizer, Map<String, Double> loop) {

  private static final String MAGIC = "HTCKPT01";
  private static final Pattern NAME = Pattern.compile("step-(\\d{10})\\.ckpt");

  /** Copies the maps (not the arrays). */
  public Checkpoint {
    weights = new LinkedHashMap<>(weights);
    loop = new LinkedHashMap<>(loop);
  }

  /** The file name of the checkpoint at {@code step} inside {@code checkpoints/}. */
  public static String fileName(long step) {
    return String.format("step-%010d.ckpt", step);
  }

  /**
   * Writes atomically to {@code dir/step-NNNNNNNNNN.ckpt} and deletes older checkpoints beyond the
   * newest {@code keep}.
   *
   * @return the written file
   */
  public Path write(Path dir, int keep) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(fileName(step));
    Path tmp = dir.resolve(fileName(step) + ".tmp");
    CRC32 crc = new CRC32();
    try (OutputStream fos = Files.newOutputStream(tmp);
        CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), crc);
        DataOutputStream out = new DataOutputStream(cos)) {
      out.writeBytes(MAGIC);
      out.writeLong(step);
      writeArrays(out, weights);
      out.writeUTF(optimizer.optimizer());
      writeArrays(out, optimizer.arrays());
      writeScalars(out, optimizer.scalars());
      writeScalars(out, loop);
      out.flush();
      out.writeLong(crc.getValue());
      out.flush();
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    List<Path> all = list(dir);
    for (int i = 0; i < all.size() - keep; i++) {
      Files.deleteIfExists(all.get(i));
    }
    return target;
  }

  /**
   * Reads a checkpoint file.
   *
   * @throws IOException naming the file when it is truncated, corrupt or not a checkpoint
   */
  public static Checkpoint read(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream fis = Files.newInputStream(file);
        CheckedInputStream cis = new CheckedInputStream(new BufferedInputStream(fis, 1 << 16), crc);
        DataInputStream in = new DataInputStream(cis)) {
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IOException(file + ": not a heavytail checkpoint (bad magic)");
      }
      long step = in.readLong();
      Map<String, float[]> weights = readArrays(in);
      String optName = in.readUTF();
      Map<String, float[]> optArrays = readArrays(in);
      Map<String, Double> optScalars = readScalars(in);
      Map<String, Double> loop = readScalars(in);
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected) {
        throw new IOException(file + ": checksum mismatch (file corrupt)");
      }
      return new Checkpoint(step, weights, new OptimizerState(optName, optArrays, optScalars), loop);
    } catch (java.io.EOFException e) {
      throw new IOException(file + ": truncated checkpoint", e);
    }
  }

  /** Checkpoint files in {@code dir}, oldest step first (empty when none). */
  public static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().forEach(out::add);
    }
    return out;
  }

  /** The newest checkpoint file in {@code dir}, if any. */
  public static Optional<Path> latest(Path dir) throws IOException {
    List<Path> all = list(dir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The step encoded in a checkpoint file name. */
  public static long stepOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(file + ": not a checkpoint file name like " + fileName(0));
    }
    return Long.parseLong(m.group(1));
  }

  private static void writeArrays(DataOutputStream out, Map<String, float[]> arrays)
      throws IOException {
    out.writeInt(arrays.size());
    for (Map.Entry<String, float[]> e : arrays.entrySet()) {
      out.writeUTF(e.getKey());
      float[] v = e.getValue();
      out.writeInt(v.length);
      ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.BIG_ENDIAN);
      bb.asFloatBuffer().put(v);
      out.write(bb.array());
    }
  }

  private static Map<String, float[]> readArrays(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      int len = in.readInt();
      if (len < 0) {
        throw new IOException("negative array length " + len + " for " + name);
      }
      byte[] b = new byte[len * 4];
      in.readFully(b);
      float[] v = new float[len];
      ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v);
      m.put(name, v);
    }
    return m;
  }

  private static void writeScalars(DataOutputStream out, Map<String, Double> s) throws IOException {
    out.writeInt(s.size());
    for (Map.Entry<String, Double> e : s.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
  }

  private static Map<String, Double> readScalars(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readDouble());
    }
    return m;
  }
}
