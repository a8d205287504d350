package org.heavytail.trainer.store;

import java.util.Locale;

/**
 * What a snapshot record holds (SCIENCE.md §1). The {@link #label()} names the directory of the
 * series and the {@code kind} column of the manifest.
 */
public enum SnapshotKind {
  /** Minibatch gradient g_B(θ_k) before the update. */
  GRADIENT("grads"),
  /** Weights θ_{k+1} after the update. */
  WEIGHT("weights"),
  /** Update Δθ_k = θ_{k+1} − θ_k actually applied. */
  UPDATE("updates"),
  /**
   * Gradient noise U_B = g_B(θ) − g(θ) at frozen θ, one row per probe minibatch (Şimşekli, Sagun
   * and Gürbüzbalaban 2019), g the full-data or reference-set gradient.
   */
  NOISE("noise"),
  /** The reference gradient g(θ) of a noise probe, one row per probe step. */
  FULL_GRADIENT("fullgrad"),
  /**
   * Running-estimate noise U ≈ g_B(θ_k) − m_k, m_k an exponential moving average of past training
   * minibatch gradients: an approximation, not the frozen-θ protocol.
   */
  NOISE_RUNNING("noise-running");

  private final String label;

  SnapshotKind(String label) {
    this.label = label;
  }

  /** Directory and manifest name, e.g. {@code grads}. */
  public String label() {
    return label;
  }

  /**
   * Parses a label ({@code grads}) or an enum name ({@code GRADIENT}), case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted labels
   */
  public static SnapshotKind of(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (SnapshotKind k : values()) {
      if (k.label.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "snapshot kind '" + text + "' is not one of grads, weights, updates, noise, fullgrad,"
            + " noise-running");
  }
}
