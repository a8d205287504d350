package org.heavytail.trainer.reproduce;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One published result reproduced by one call: {@link #run} writes CSV tables, PNG figures and a
 * {@code report.md} into {@code outDir} and returns the checks of the claim.
 */
public interface Reproduction {

  /** Command-line name, e.g. {@code kesten}. */
  String name();

  /** One line: the paper and the claim. */
  String description();

  /** Runs at {@code scale} with a fixed seed, writing everything under {@code outDir}. */
  ReproductionResult run(Scale scale, Path outDir, long seed) throws IOException;
}
