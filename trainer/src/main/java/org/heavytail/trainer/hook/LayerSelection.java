package org.heavytail.trainer.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which parameters a hook records: all (the default), or those matching any of a list of names
 * or globs ({@code *} any run of characters, {@code ?} one character), e.g. {@code
 * 01Linear_weight} or {@code *weight}.
 *
 * @param patterns names or globs; empty means all
 */
public record LayerSelection(List<String> patterns) {

  /** Copies the list. */
  public LayerSelection {
    patterns = List.copyOf(patterns);
  }

  /** Every parameter. */
  public static LayerSelection all() {
    return new LayerSelection(List.of());
  }

  /** Parameters matching any of {@code patterns}. */
  public static LayerSelection of(String... patterns) {
    return new LayerSelection(List.of(patterns));
  }

  /** Whether this selects every parameter. */
  public boolean isAll() {
    return patterns.isEmpty();
  }

  /**
   * The selected names in the model's order.
   *
   * @throws IllegalArgumentException when a pattern matches no parameter, listing the names
   */
  public List<String> select(List<String> names) {
    if (patterns.isEmpty()) {
      return List.copyOf(names);
    }
    List<Pattern> compiled = new ArrayList<>();
    for (String p : patterns) {
      Pattern re = glob(p);
      if (names.stream().noneMatch(n -> re.matcher(n).matches())) {
        throw new IllegalArgumentException(
            "--layers pattern '" + p + "' matches no parameter; parameters are " + names);
      }
      compiled.add(re);
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (compiled.stream().anyMatch(re -> re.matcher(n).matches())) {
        out.add(n);
      }
    }
    return out;
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
