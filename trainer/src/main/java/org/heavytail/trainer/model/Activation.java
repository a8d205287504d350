package org.heavytail.trainer.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import java.util.Locale;

/** Hidden-layer activation of an MLP. {@link #LINEAR} is the identity (deep linear networks). */
public enum Activation {
  /** max(0, x). */
  RELU,
  /** tanh(x). */
  TANH,
  /** x (no non-linearity). */
  LINEAR;

  /** The DJL block applying this activation. */
  public Block block() {
    switch (this) {
      case RELU:
        return ai.djl.nn.Activation.reluBlock();
      case TANH:
        return ai.djl.nn.Activation.tanhBlock();
      default:
        return Blocks.identityBlock();
    }
  }

  /** Lower-case name used in model specs. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code relu}, {@code tanh} or {@code linear}.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static Activation fromName(String name) {
    for (Activation a : values()) {
      if (a.specName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + name + "': expected relu, tanh or linear");
  }
}
