package org.heavytail.sweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A piece of a value series (e.g. a snapshot's gradient noise), as one row of a Spark {@code
 * Dataset} (a Java bean, for {@code Encoders.bean}). For {@link BlockSumAggregator} to be exact,
 * every chunk but the series' last must hold a whole number of superblocks: cut with {@link
 * #split}.
 */
public final class ValueChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  private float[] values;

  /** An empty chunk (for the bean encoder). */
  public ValueChunk() {
    this.values = new float[0];
  }

  /** A chunk holding a copy of {@code values}. */
  public static ValueChunk of(float[] values) {
    ValueChunk c = new ValueChunk();
    c.values = values.clone();
    return c;
  }

  /** The values. */
  public float[] getValues() {
    return values;
  }

  /** Sets the values. */
  public void setValues(float[] values) {
    this.values = values;
  }

  /**
   * Cuts {@code series} into chunks of {@code superblocksPerChunk} superblocks of {@code
   * superblockLength} values each (the last chunk holds the rest).
   */
  public static List<ValueChunk> split(float[] series, int superblockLength, int superblocksPerChunk) {
    if (superblockLength < 1 || superblocksPerChunk < 1) {
      throw new IllegalArgumentException("superblock length " + superblockLength
          + ", superblocks per chunk " + superblocksPerChunk + ": expected both >= 1");
    }
    long step = (long) superblockLength * superblocksPerChunk;
    List<ValueChunk> out = new ArrayList<>();
    for (long from = 0; from < series.length; from += step) {
      int to = (int) Math.min(series.length, from + step);
      out.add(of(Arrays.copyOfRange(series, (int) from, to)));
    }
    return out;
  }
}
