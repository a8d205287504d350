package org.heavytail.trainer.curvature;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one PyTorch intra-op thread and restores the previous count after it.
 * The curvature tests make thousands of tiny products; on the shared 2-core CI machine two
 * OpenMP threads spinning at each barrier made them 20–100× slower under load (measured: a
 * 53-parameter HVP took 50–150 ms with 2 threads at load 18, 1–5 ms with one).
 */
public final class OneTorchThread implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(OneTorchThread.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Engine.getEngine("PyTorch");
    context.getStore(NS).put("threads", JniUtils.getNumThreads());
    JniUtils.setNumThreads(1);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Integer previous = context.getStore(NS).get("threads", Integer.class);
    if (previous != null) {
      JniUtils.setNumThreads(previous);
    }
  }
}
