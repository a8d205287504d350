package org.heavytail.trainer.hook;

import java.util.Objects;

/**
 * What the builders of the hooks that write to the snapshot store share: the store ({@link
 * #setSink}, required) and the layers and coordinates to keep ({@link #optPlan}, default all).
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
abstract class StoreHookBuilder<B extends StoreHookBuilder<B>> {
  SnapshotSink sink;
  LayerPlan plan = LayerPlan.all();

  /** This builder, typed as the concrete one. */
  abstract B self();

  /** The shared store. */
  public B setSink(SnapshotSink sink) {
    this.sink = Objects.requireNonNull(sink);
    return self();
  }

  /** Layers and coordinates (default: all). */
  public B optPlan(LayerPlan plan) {
    this.plan = Objects.requireNonNull(plan);
    return self();
  }

  /**
   * The store, checked.
   *
   * @throws IllegalStateException naming {@code hook} when {@link #setSink} was not called
   */
  SnapshotSink requireSink(String hook) {
    if (sink == null) {
      throw new IllegalStateException(hook + " needs setSink(...)");
    }
    return sink;
  }
}
