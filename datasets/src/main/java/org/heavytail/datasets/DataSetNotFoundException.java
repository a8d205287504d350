package org.heavytail.datasets;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;

/**
 * No directory on the search path holds the files of a data set. The message lists every
 * directory tried, in order, and the files expected in it; nothing is ever downloaded.
 */
public final class DataSetNotFoundException extends FileNotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient List<Path> tried;

  /**
   * Creates the exception.
   *
   * @param id the data set looked for
   * @param tried every directory tried, in order
   * @param expected a description of the files expected in such a directory
   */
  public DataSetNotFoundException(DataSetId id, List<Path> tried, String expected) {
    super(message(id, tried, expected));
    this.tried = List.copyOf(tried);
  }

  /** The directories tried, in search order. */
  public List<Path> tried() {
    return tried;
  }

  private static String message(DataSetId id, List<Path> tried, String expected) {
    StringBuilder sb = new StringBuilder();
    sb.append("data set ").append(id.folderName()).append(" not found; tried:");
    for (Path p : tried) {
      sb.append("\n  ").append(p);
    }
    sb.append("\nexpected there: ").append(expected);
    sb.append("\nSet --data-dir DIR or HEAVYTAIL_DATA=DIR (DIR/")
        .append(id.folderName())
        .append("/ holding those files). Nothing is downloaded.");
    return sb.toString();
  }
}
