package org.heavytail.trainer.reproduce;

import java.util.Map;
import java.util.function.Supplier;

/** Where each implemented reproduction is wired with its default estimators. */
final class ReproductionCatalog {

  private ReproductionCatalog() {}

  static void register(Map<String, Supplier<Reproduction>> known) {
  }
}
