package org.heavytail.trainer.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes such as {@code 500M}, {@code 2G}, {@code 64MiB}, {@code 1.5g} or {@code 4096}.
 * Suffixes K, M, G, T (optionally followed by {@code B} or {@code iB}) are binary multiples
 * (1K = 1024 bytes); a bare number is bytes.
 */
public final class ByteSize {

  private static final Pattern SIZE =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(?:i?b)?\\s*");

  private ByteSize() {}

  /**
   * Bytes denoted by {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "size '" + text + "' is not a number with an optional K, M, G or T suffix (e.g. 500M)");
    }
    double v = Double.parseDouble(m.group(1));
    int shift = "kmgt".indexOf(m.group(2).isEmpty() ? "x" : m.group(2)) + 1;
    double bytes = v * Math.pow(1024, shift);
    if (bytes > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
    return Math.round(bytes);
  }

  /** A short human form, e.g. {@code 12.3 MiB}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
