package org.heavytail.trainer.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a grid: its values on the swept axes, and an id made from them (stable under
 * reordering of other points, safe as a directory name), e.g. {@code lr-0.05_batch-size-32}.
 *
 * @param id directory name under {@code points/}
 * @param values axis → value, in axis order
 */
public record SweepPoint(String id, Map<String, String> values) {

  /** Copies the values. */
  public SweepPoint {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The point with these values and the id derived from them ({@code base} for no axes). */
  public static SweepPoint of(Map<String, String> values) {
    StringBuilder id = new StringBuilder();
    values.forEach((k, v) -> {
      if (id.length() > 0) {
        id.append('_');
      }
      id.append(safe(k)).append('-').append(safe(v));
    });
    return new SweepPoint(id.length() == 0 ? "base" : id.toString(), values);
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9.+=-]", "~");
  }
}
