package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDManager;
import org.heavytail.trainer.loop.EpochSummary;
import org.heavytail.trainer.loop.LiveNetwork;
import org.heavytail.trainer.loop.LiveNetworkListener;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;

/**
 * A {@link CurvatureListener} attached to a run by {@link org.heavytail.trainer.loop.Training}
 * itself: when the loop lends the live network ({@link LiveNetworkListener}), it takes the first
 * n training examples as the loop sees them (after subset and standardisation), the run's loss,
 * learning rate and batch size, and measures every K steps into {@code curvature.csv} (and
 * {@code curvature_density.csv}) in the run directory. The call behind {@code heavytail train
 * --curvature-every K}.
 *
 * <p>On {@code --resume} the rows up to the checkpoint's step are kept and the new ones follow.
 */
public final class TrainingCurvature implements LiveNetworkListener {
  private final CurvatureConfig.Builder config;
  private final int every;
  private NDManager manager;
  private CurvatureListener delegate;

  /**
   * A listener.
   *
   * @param config what to measure; learning rate and batch size are replaced by the run's
   * @param every K ≥ 1: measure after every K-th step
   */
  public TrainingCurvature(CurvatureConfig.Builder config, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("curvature every = " + every + ": expected ≥ 1");
    }
    this.config = config;
    this.every = every;
  }

  @Override
  public void onNetwork(LiveNetwork live) {
    CurvatureConfig cfg = config.optLearningRate(live.config().learningRate())
        .optBatchSize(live.config().batchSize()).build();
    close();
    manager = NDManager.newBaseManager(live.network().manager().getDevice(), "PyTorch");
    ExampleArrays xy = ExampleArrays.first(live.train(), cfg.examples(),
        live.network().inputShape(), 0, 1, manager);
    delegate = new CurvatureListener(CurvatureModel.of(live.network(), live.loss()), xy.x(),
        xy.y(), cfg, every);
  }

  /** The rows measured so far (empty before the network is lent). */
  public CurvatureReport report() {
    return delegate == null ? CurvatureReport.empty() : delegate.report();
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    delegate().onTrainingBegin(run);
  }

  @Override
  public void onStep(StepContext step) {
    delegate().onStep(step);
  }

  @Override
  public void onEpoch(EpochSummary epoch) {
    delegate().onEpoch(epoch);
  }

  @Override
  public void onTrainingEnd(RunInfo run) {
    try {
      delegate().onTrainingEnd(run);
    } finally {
      close();
    }
  }

  private CurvatureListener delegate() {
    if (delegate == null) {
      throw new IllegalStateException(
          "TrainingCurvature: no network lent; add it to the listeners of Training.run");
    }
    return delegate;
  }

  private void close() {
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
