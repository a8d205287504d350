package org.heavytail.trainer.store;

import java.util.Locale;

/**
 * One line of {@code manifest.csv}: where a record's rows live, or that it was dropped.
 *
 * <p>Columns, in order: {@code segment,step,epoch,layer,kind,rows,width,dtype,file,offset,dropped}.
 * The record's values are rows {@code [offset, offset + rows)} of the {@code [R, width]} array in
 * {@code file} (relative to the store), i.e. {@code numpy.load(file)[offset:offset+rows]}. A
 * dropped record (queue full in drop mode) has {@code dropped = 1}, an empty file and offset −1.
 * {@code segment} counts resumes: 0 for the first session, +1 at each resume.
 *
 * @param segment writer session index
 * @param step global step
 * @param epoch epoch
 * @param layer layer name
 * @param kind record kind
 * @param rows rows of the record
 * @param width values per row
 * @param dtype storage type
 * @param file chunk file relative to the store directory ({@code ""} when dropped)
 * @param offset first row inside the chunk array (−1 when dropped)
 * @param dropped whether the record was dropped instead of written
 */
public record ManifestEntry(
    int segment,
    long step,
    int epoch,
    String layer,
    SnapshotKind kind,
    int rows,
    int width,
    StorageType dtype,
    String file,
    long offset,
    boolean dropped) {

  /** The CSV header line (without newline). */
  public static final String HEADER =
      "segment,step,epoch,layer,kind,rows,width,dtype,file,offset,dropped";

  /** Bytes of stored values. */
  public long valueBytes() {
    return (long) rows * width * dtype.bytes();
  }

  /** This entry as one CSV line without newline. */
  public String toCsv() {
    return segment + "," + step + "," + epoch + "," + layer + "," + kind.label() + "," + rows
        + "," + width + "," + dtype.label() + "," + file + "," + offset + "," + (dropped ? 1 : 0);
  }

  /**
   * Parses a line written by {@link #toCsv()}.
   *
   * @throws IllegalArgumentException naming the line when a field is missing or malformed
   */
  public static ManifestEntry parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 11) {
      throw new IllegalArgumentException(
          "manifest line '" + line + "' has " + f.length + " fields, expected 11 (" + HEADER + ")");
    }
    try {
      return new ManifestEntry(
          Integer.parseInt(f[0]),
          Long.parseLong(f[1]),
          Integer.parseInt(f[2]),
          f[3],
          SnapshotKind.of(f[4]),
          Integer.parseInt(f[5]),
          Integer.parseInt(f[6]),
          StorageType.of(f[7]),
          f[8],
          Long.parseLong(f[9]),
          parseFlag(f[10]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "manifest line '" + line + "' is malformed: " + e.getMessage(), e);
    }
  }

  private static boolean parseFlag(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "0":
      case "false":
        return false;
      case "1":
      case "true":
        return true;
      default:
        throw new IllegalArgumentException("dropped '" + s + "' is not 0 or 1");
    }
  }
}
