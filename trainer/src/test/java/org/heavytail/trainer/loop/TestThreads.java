package org.heavytail.trainer.loop;

/**
 * Tests train tiny models: one intra-op thread is faster for them and keeps the tests from
 * spinning OpenMP threads on a shared, loaded machine. Set before the engine loads (first test
 * class to run wins); an explicit -Dai.djl.pytorch.num_threads is kept.
 */
final class TestThreads {
  private TestThreads() {}

  static void oneIfUnset() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
  }
}
