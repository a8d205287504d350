package org.heavytail.trainer.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The saved state of an optimizer: named float arrays (moments per parameter, e.g. {@code
 * m/01Linear_weight}) and named scalars (step count, random-stream position), plain data that a
 * checkpoint writes and reads.
 *
 * @param optimizer name of the optimizer that saved it
 * @param arrays named flat float arrays
 * @param scalars named scalars
 */
public record OptimizerState(
    String optimizer, Map<String, float[]> arrays, Map<String, Double> scalars) {

  /**
   * Copies the maps so the record stays immutable (the arrays themselves are not copied),
   * keeping their iteration order, so that a checkpoint written from the same state has the same
   * bytes in every JVM ({@code Map.copyOf} would randomise the order per run).
   */
  public OptimizerState {
    arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
  }
}
