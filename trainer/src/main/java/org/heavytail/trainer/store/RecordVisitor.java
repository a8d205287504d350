package org.heavytail.trainer.store;

import java.nio.FloatBuffer;

/**
 * Receives the records of a series one at a time, e.g. to feed a tail-index accumulator without
 * loading the series. The buffer holds the record's {@code rows × width} values row-major, is
 * positioned at 0 with limit {@code rows × width}, and is valid only during the call.
 */
@FunctionalInterface
public interface RecordVisitor {

  /** Accepts one record. */
  void accept(ManifestEntry entry, FloatBuffer values);
}
