package org.heavytail.trainer.reproduce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of reproductions by name, in order of priority. Only reproductions that are
 * implemented are listed; asking for another name is an error that lists the known ones.
 */
public final class Reproductions {

  private static final Map<String, Supplier<Reproduction>> KNOWN = new LinkedHashMap<>();

  static {
    ReproductionCatalog.register(KNOWN);
  }

  /**
   * The seed of {@code heavytail reproduce} when {@code --seed} is not given; the tests run the
   * {@code --quick} scale with it, so they assert what the command prints.
   */
  public static final long DEFAULT_SEED = 20190612L;

  private Reproductions() {}

  /** The names of the implemented reproductions. */
  public static List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(KNOWN.keySet()));
  }

  /**
   * The reproduction called {@code name}.
   *
   * @throws IllegalArgumentException naming the value and the known names when unknown
   */
  public static Reproduction byName(String name) {
    Supplier<Reproduction> s = KNOWN.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "reproduction '" + name + "' is not known; expected one of " + names());
    }
    return s.get();
  }
}
