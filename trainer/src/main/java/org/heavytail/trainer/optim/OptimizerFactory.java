package org.heavytail.trainer.optim;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Service-provider interface: an optimizer that can be created by name. Implementations are
 * listed in {@code META-INF/services/org.heavytail.trainer.optim.OptimizerFactory}, so a user
 * adds an optimizer by putting such a file and class on the classpath, without touching the
 * trainer.
 */
public interface OptimizerFactory {

  /** The name on the command line ({@code --optimizer NAME}), lower case. */
  String name();

  /** Creates the optimizer from its options (learning rate, momentum, seed, ...). */
  Optimizer create(OptimizerOptions options);

  /**
   * The learning rate η that {@link #create} uses when option {@code lr} is absent, and that
   * {@code heavytail train} uses when {@code --lr} is not given. Each built-in documents where
   * its value comes from (the optimizer's paper or the common library default).
   *
   * @return η &gt; 0, or NaN when the optimizer has no default (then {@code lr} is required);
   *     the default implementation returns NaN, so a user's factory needs no change
   */
  default double defaultLearningRate() {
    return Double.NaN;
  }

  /** All factories on the classpath, by name. */
  static Map<String, OptimizerFactory> available() {
    Map<String, OptimizerFactory> byName = new TreeMap<>();
    for (OptimizerFactory f : ServiceLoader.load(OptimizerFactory.class)) {
      byName.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    return byName;
  }

  /**
   * The factory called {@code name}.
   *
   * @throws IllegalArgumentException naming the value and the names available
   */
  static OptimizerFactory forName(String name) {
    Map<String, OptimizerFactory> all = available();
    OptimizerFactory f = all.get(name.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown optimizer '" + name + "': expected one of " + all.keySet());
    }
    return f;
  }
}
