package org.heavytail.trainer.optim;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of an optimizer as key/value strings ({@code lr=0.1}, {@code momentum=0.9}), from the
 * command line ({@code --opt key=value}) or from code, with typed getters that name the key and
 * the expected type when a value does not parse.
 */
public final class OptimizerOptions {
  private final Map<String, String> values;

  private OptimizerOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Options from a map of keys to values. */
  public static OptimizerOptions of(Map<String, String> values) {
    Map<String, String> norm = new TreeMap<>();
    values.forEach((k, v) -> norm.put(k.toLowerCase(Locale.ROOT), v));
    return new OptimizerOptions(norm);
  }

  /** A copy with {@code key} set to {@code value}. */
  public OptimizerOptions with(String key, Object value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key.toLowerCase(Locale.ROOT), String.valueOf(value));
    return new OptimizerOptions(m);
  }

  /** The raw options. */
  public Map<String, String> asMap() {
    return values;
  }

  /** True when {@code key} is set. */
  public boolean has(String key) {
    return values.containsKey(key.toLowerCase(Locale.ROOT));
  }

  /** The value of {@code key} as a double, or {@code fallback} when absent. */
  public double getDouble(String key, double fallback) {
    String v = values.get(key.toLowerCase(Locale.ROOT));
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "optimizer option '" + key + "' = '" + v + "': expected a number", e);
    }
  }

  /** The value of {@code key} as a long, or {@code fallback} when absent. */
  public long getLong(String key, long fallback) {
    String v = values.get(key.toLowerCase(Locale.ROOT));
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "optimizer option '" + key + "' = '" + v + "': expected an integer", e);
    }
  }

  /** The value of {@code key} as a string, or {@code fallback} when absent. */
  public String getString(String key, String fallback) {
    return values.getOrDefault(key.toLowerCase(Locale.ROOT), fallback);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
