package org.heavytail.trainer.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the channels the {@link SnapshotWriter} writes chunk and manifest bytes through. The
 * default opens plain files; tests inject channels that fail (e.g. with "No space left on device")
 * to check that a full disk stops snapshotting without corrupting the store.
 */
@FunctionalInterface
public interface OutputChannels {

  /**
   * Opens {@code file} for writing, creating it if missing and never truncating it; the returned
   * channel's position is 0.
   */
  SeekableByteChannel open(Path file) throws IOException;

  /** Plain files on the default file system. */
  static OutputChannels files() {
    return file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
