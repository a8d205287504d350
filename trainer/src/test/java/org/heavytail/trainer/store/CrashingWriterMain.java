package org.heavytail.trainer.store;

import java.nio.file.Path;

/**
 * Child process of {@link CrashResumeTest}: writes records of two series forever until it is
 * killed with SIGKILL. Step s of layer {@code a} is one row of 100 values, of layer {@code b} a
 * noise block of 3 rows of 50 values, both from {@link StoreFixtures}.
 */
public final class CrashingWriterMain {

  private CrashingWriterMain() {}

  /** Args: store directory. */
  public static void main(String[] args) throws Exception {
    try (SnapshotWriter w = SnapshotWriter.builder(Path.of(args[0])).optChunkBytes(64 << 10)
        .build()) {
      for (long s = 0; ; s++) {
        w.submit(StoreFixtures.record(s, "a", SnapshotKind.GRADIENT, 1, 100));
        w.submit(StoreFixtures.record(s, "b", SnapshotKind.NOISE, 3, 50));
        if (s % 50 == 0) {
          Thread.sleep(1);
        }
      }
    }
  }
}
