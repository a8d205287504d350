package org.heavytail.trainer.store;

/**
 * A chunk that was never closed (a {@code .part} file left by a crash, or a chunk missing from
 * disk). Its listed records whose rows are all on disk stay readable; the rest are lost.
 *
 * @param file path of the {@code .part} file relative to the store
 * @param kind series kind
 * @param layer series layer
 * @param rowsOnDisk complete rows present in the file
 * @param rowsListed rows the manifest refers to (≤ rowsOnDisk unless rows were lost)
 * @param trailingBytes bytes after the last listed row (rows written but never listed, plus a
 *     torn row)
 */
public record IncompleteChunk(
    String file,
    SnapshotKind kind,
    String layer,
    long rowsOnDisk,
    long rowsListed,
    long trailingBytes) {

  @Override
  public String toString() {
    return file + ": incomplete chunk (not closed), " + rowsOnDisk + " complete rows on disk, "
        + rowsListed + " listed in the manifest, " + trailingBytes + " trailing bytes ignored";
  }
}
