package org.heavytail.trainer.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * A {@link Reproduction} whose sizes are a value of type {@code S} chosen per {@link Scale}: it
 * creates the output folder, times the run, and writes {@code report.md} from the {@link
 * Findings} that {@link #measure} returns. Tests call {@link #run(Object, Scale, Path, long)}
 * with sizes of their own.
 *
 * @param <S> the sizes of one scale (a record)
 */
public abstract class ScaledReproduction<S> implements Reproduction {

  private final String name;
  private final String description;
  private final Function<Scale, S> sizesOf;

  /**
   * @param name command-line name
   * @param description one line: the paper and the claim
   * @param sizesOf the sizes of each scale
   */
  protected ScaledReproduction(String name, String description, Function<Scale, S> sizesOf) {
    this.name = name;
    this.description = description;
    this.sizesOf = sizesOf;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  /**
   * Runs the experiment at {@code sizes}, writing its CSV tables and figures under {@code
   * outDir} (which exists), and returns what it found.
   */
  protected abstract Findings measure(S sizes, Scale scale, Path outDir, long seed)
      throws IOException;

  @Override
  public final ReproductionResult run(Scale scale, Path outDir, long seed) throws IOException {
    return run(sizesOf.apply(scale), scale, outDir, seed);
  }

  /** Runs explicit sizes, reported under the label of {@code scale}. */
  public final ReproductionResult run(S sizes, Scale scale, Path outDir, long seed)
      throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(outDir);
    Findings f = measure(sizes, scale, outDir, seed);
    return ReportWriter.write(name, scale, outDir, f,
        Duration.ofNanos(System.nanoTime() - t0));
  }
}
