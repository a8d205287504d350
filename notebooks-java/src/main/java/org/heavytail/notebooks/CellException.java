package org.heavytail.notebooks;

/** A notebook cell failed: it did not compile, or it threw. The message names the snippet. */
public final class CellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its message and, when the cell threw, the exception it threw. */
  public CellException(String message, Throwable cause) {
    super(message, cause);
  }
}
