package org.heavytail.trainer.loop;

/**
 * A {@link TrainingListener} that needs the live network (for example to measure curvature at
 * θ_k during training). {@link Training} calls {@link #onNetwork} once, after the network is
 * built (and, on resume, loaded from the checkpoint) and before {@link #onTrainingBegin}; plain
 * listeners are not affected.
 */
public interface LiveNetworkListener extends TrainingListener {

  /** Receives the run's live objects; see {@link LiveNetwork} for what may be done with them. */
  void onNetwork(LiveNetwork live);
}
