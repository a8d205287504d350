package org.heavytail.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file whose content does not match its format: wrong magic number, wrong dimensions,
 * truncated data, a label out of range, an image of the wrong size. The message names the file,
 * the byte offset or field, the value found and what was expected, for example
 *
 * <pre>
 * train-labels-idx1-ubyte.gz: byte offset 8 of the decompressed data (label 0): value 12; expected 0..9
 * </pre>
 */
public final class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param file the offending file (or archive entry, as a path)
   * @param offset the byte offset of the offending field, or -1 when it has none
   * @param field the field name, e.g. "magic number", "dimension 1", "label 17", "image size"
   * @param found what was found
   * @param expected what the format requires
   */
  public DataFormatException(Path file, long offset, String field, String found, String expected) {
    super(file + ": " + (offset >= 0 ? "byte offset " + offset + " (" + field + ")" : field)
        + ": " + found + "; expected " + expected);
    this.file = file;
    this.offset = offset;
    this.field = field;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }

  /** Byte offset of the offending field, or -1 when the problem has no single offset. */
  public long offset() {
    return offset;
  }

  /** The field that failed validation. */
  public String field() {
    return field;
  }
}
