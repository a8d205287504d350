package org.heavytail.trainer.reproduce;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs a reproduction the way {@code heavytail reproduce NAME --quick} does: {@link Scale#QUICK}
 * with the command's default seed ({@link Reproductions#DEFAULT_SEED}), so that the reproduction
 * tests assert on the tables the command itself reports.
 */
public final class QuickRun {
  private QuickRun() {}

  /** The {@code --quick} result of the reproduction {@code name}, written under {@code out}. */
  public static ReproductionResult of(String name, Path out) throws IOException {
    return Reproductions.byName(name).run(Scale.QUICK, out, Reproductions.DEFAULT_SEED);
  }
}
