package org.heavytail.trainer.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.optim.Optimizer;
import org.heavytail.trainer.optim.UpdateContext;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;

/**
 * The training loop over prepared parts (network, loss, optimizer, data, sampler, run directory).
 * {@link Training} builds the parts from a {@link TrainConfig}; tests and notebooks may build
 * them directly.
 *
 * <p>Step k: take the batch B_k of the {@link EpochSampler} (as a contiguous slice of a copy of
 * a chunk of the training set held in the epoch's order π_e, one gather per ~8 MB chunk); zero the gradient
 * buffers; forward
 * and backward of L_B(θ_k) = (1/b) Σ_{i∈B_k} ℓ_i(θ_k) inside DJL's {@link GradientCollector};
 * stop with a {@link TrainingFailedException} if L_B or any gradient entry is NaN or infinite
 * (before the update, so θ_k stays as the last good weights); let the {@link Optimizer} update
 * θ in place; call the listeners with a {@link StepContext}; log the loss; at epoch ends evaluate
 * and log an {@link EpochSummary}; every {@code checkpointEvery} steps and at the end write a
 * {@link Checkpoint}.
 *
 * <p>All temporaries of a step live in an {@link NDScope} closed at the end of the step. θ_k is
 * copied (for Δθ) only when a listener {@link TrainingListener#needsUpdates() needs updates};
 * with no listener no step context is built at all.
 */
public final class Trainer {
  /** Loop scalars kept in checkpoints. */
  static final String EPOCH_LOSS_SUM = "epochLossSum";
  static final String EPOCH_CORRECT = "epochCorrect";
  static final String EPOCH_STEPS = "epochSteps";
  static final String EPOCH_SECONDS = "epochSeconds";
  private static final int EVAL_BATCH = 1000;

  private final Network net;
  private final LossKind loss;
  private final Optimizer optimizer;
  private final TrainingData data;
  private final EpochSampler sampler;
  private final List<TrainingListener> listeners;
  private final boolean needsUpdates;
  private final List<String> names;
  private final List<Parameter> params;
  private final GradientOracle oracle;

  /** Bytes of one gathered chunk of the epoch-permuted training set (below malloc's mmap cut). */
  private static final long CHUNK_BYTES = 8L << 20;

  private int chunkBatches;
  private long permutedChunk = -1;
  private NDArray permutedX;
  private NDArray permutedY;

  private double epochLossSum;
  private long epochCorrect;
  private long epochSteps;
  private double epochSeconds;

  /** A loop over prepared parts. */
  public Trainer(
      Network net, LossKind loss, Optimizer optimizer, TrainingData data, EpochSampler sampler,
      List<TrainingListener> listeners) {
    this.net = net;
    this.loss = loss;
    this.optimizer = optimizer;
    this.data = data;
    this.sampler = sampler;
    this.listeners = List.copyOf(listeners);
    this.needsUpdates = listeners.stream().anyMatch(TrainingListener::needsUpdates);
    this.names = net.parameterNames();
    this.params = new ArrayList<>(net.parameters().values());
    this.oracle = new ExampleGradientOracle(net, loss, data);
    long rowBytes = Math.max(1, 4 * data.trainFeatures().size() / Math.max(1, data.trainSize()));
    this.chunkBatches =
        (int) Math.max(1, Math.min(sampler.stepsPerEpoch(), CHUNK_BYTES / (rowBytes * sampler.batchSize())));
  }

  /** Sets the batches per gathered chunk (tests: results must not depend on it). */
  void setChunkBatches(int batches) {
    releasePermuted();
    chunkBatches = Math.max(1, Math.min(sampler.stepsPerEpoch(), batches));
  }

  /** The gradient oracle at the current weights. */
  public GradientOracle gradientOracle() {
    return oracle;
  }

  /** Restores the loop scalars saved in a checkpoint. */
  void restoreLoopState(Map<String, Double> s) {
    epochLossSum = s.getOrDefault(EPOCH_LOSS_SUM, 0.0);
    epochCorrect = s.getOrDefault(EPOCH_CORRECT, 0.0).longValue();
    epochSteps = s.getOrDefault(EPOCH_STEPS, 0.0).longValue();
    epochSeconds = s.getOrDefault(EPOCH_SECONDS, 0.0);
  }

  /** The current checkpoint. */
  Checkpoint checkpoint(long step) {
    Map<String, Double> loop = new LinkedHashMap<>();
    loop.put(EPOCH_LOSS_SUM, epochLossSum);
    loop.put(EPOCH_CORRECT, (double) epochCorrect);
    loop.put(EPOCH_STEPS, (double) epochSteps);
    loop.put(EPOCH_SECONDS, epochSeconds);
    return new Checkpoint(step, net.weights(), optimizer.saveState(), loop);
  }

  /**
   * Runs steps {@code start} .. {@code total − 1}.
   *
   * @param dir run directory (metrics already started at {@code start})
   * @param checkpointEvery steps between checkpoints, 0 for only at the end
   * @param progress whether to show a progress bar (only on a terminal)
   * @return the number of steps per second of this call
   * @throws TrainingFailedException on a non-finite loss or gradient, after writing the reason
   */
  double run(RunDirectory dir, long start, long total, long checkpointEvery, boolean progress)
      throws IOException {
    RunInfo info = new RunInfo(dir.path(), start, total, sampler.stepsPerEpoch());
    for (TrainingListener l : listeners) {
      l.onTrainingBegin(info);
    }
    ProgressBar bar = progress && System.console() != null && total > start
        ? new ProgressBarBuilder()
            .setTaskName("train")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setUnit(" steps", 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .startsFrom(start, java.time.Duration.ZERO)
            .build()
        : null;
    long t0 = System.nanoTime();
    long step = start;
    try {
      for (; step < total; step++) {
        long s0 = System.nanoTime();
        float l = step(step);
        epochSeconds += (System.nanoTime() - s0) * 1e-9;
        dir.logStep(step, sampler.epochOf(step), l);
        if (bar != null) {
          bar.stepTo(step + 1);
          if ((step & 15) == 0) {
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, " loss %.4f", l));
          }
        }
        long done = step + 1;
        if (done % sampler.stepsPerEpoch() == 0) {
          endEpoch(dir, done);
        }
        if ((checkpointEvery > 0 && done % checkpointEvery == 0) || done == total) {
          dir.flush();
          checkpoint(done).write(dir.checkpoints(), 2);
        }
      }
    } catch (TrainingFailedException e) {
      dir.flush();
      String last;
      try {
        last = Checkpoint.latest(dir.checkpoints()).map(Path::toString).orElse("none");
      } catch (IOException io) {
        last = "unknown (" + io.getMessage() + ")";
      }
      String msg = e.getMessage() + "; last good checkpoint: " + last;
      dir.writeFailure(msg);
      dir.writeStatus("failed", e.step(), msg, null);
      throw new TrainingFailedException(e.step(), msg);
    } finally {
      releasePermuted();
      if (bar != null) {
        bar.close();
      }
      for (TrainingListener l : listeners) {
        l.onTrainingEnd(info);
      }
    }
    double secs = (System.nanoTime() - t0) * 1e-9;
    return (total - start) / Math.max(secs, 1e-9);
  }

  private void endEpoch(RunDirectory dir, long done) throws IOException {
    int epoch = (int) (done / sampler.stepsPerEpoch()) - 1;
    double trainLoss = epochLossSum / epochSteps;
    double trainAcc = data.classification()
        ? epochCorrect / (double) (epochSteps * sampler.batchSize()) : Double.NaN;
    double[] test = evaluateTest();
    EpochSummary s = new EpochSummary(epoch, done, trainLoss, trainAcc, test[0], test[1], epochSeconds);
    dir.logEpoch(s);
    for (TrainingListener l : listeners) {
      l.onEpoch(s);
    }
    epochLossSum = 0;
    epochCorrect = 0;
    epochSteps = 0;
    epochSeconds = 0;
  }

  /** Mean loss and accuracy on the test split at the current weights (NaN, NaN without one). */
  double[] evaluateTest() {
    if (data.testFeatures() == null) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return evaluate(data.testFeatures(), data.testTargets(), data.testSize());
  }

  /** Mean loss and accuracy (NaN for regression) over {@code n} examples, in eval mode. */
  double[] evaluate(NDArray x, NDArray y, int n) {
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDIndex range = new NDIndex("{}:{}", from, to);
        NDArray xb = x.get(range);
        NDArray yb = y.get(range);
        NDArray out = net.forward(xb, false);
        lossSum += loss.perExample(out, yb).sum().toType(DataType.FLOAT64, false).getDouble();
        if (data.classification()) {
          correct += out.argMax(1).eq(yb).sum().toType(DataType.INT64, false).getLong();
        }
      }
    }
    return new double[] {lossSum / n, data.classification() ? correct / (double) n : Double.NaN};
  }

  /**
   * One optimizer step on the batch of global step {@code step} (metrics accumulate, nothing is
   * written to the run directory); returns the minibatch loss at θ_k.
   *
   * @throws TrainingFailedException when the loss or a gradient is not finite (no update done)
   */
  public float step(long step) {
    int[] batch = sampler.batch(step);
    long from = permuteFor(step);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      // rows π_e[j·b .. (j+1)·b) of the epoch-permuted chunk: the same rows as gathering batch
      NDIndex rows = new NDIndex().addSliceDim(from, from + sampler.batchSize());
      NDArray x = permutedX.get(rows);
      NDArray y = permutedY.get(rows);
      Gradients.zero(params);
      NDArray out;
      NDArray lossArray;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        out = net.forward(x, true);
        lossArray = loss.mean(out, y);
        gc.backward(lossArray);
      }
      float l = lossArray.toFloatArray()[0]; // getFloat() costs ~15 us more (an index op)
      int epoch = sampler.epochOf(step);
      if (!Float.isFinite(l)) {
        throw new TrainingFailedException(step,
            "step " + step + " (epoch " + epoch + "): minibatch loss is " + l
                + "; stopped before updating the weights");
      }
      List<NDArray> grads = new ArrayList<>(params.size());
      for (Parameter p : params) {
        grads.add(p.getArray().getGradient());
      }
      int bad = firstNonFinite(grads);
      if (bad >= 0) {
        throw new TrainingFailedException(step,
            "step " + step + " (epoch " + epoch + "): gradient of " + names.get(bad)
                + " has NaN or infinite entries; stopped before updating the weights");
      }
      if (data.classification()) {
        epochCorrect += out.argMax(1).eq(y).sum().toType(DataType.INT64, false).toLongArray()[0];
      }
      epochLossSum += l;
      epochSteps++;
      List<NDArray> before = null;
      if (needsUpdates) {
        before = new ArrayList<>(params.size());
        for (Parameter p : params) {
          before.add(p.getArray().duplicate());
        }
      }
      List<ParameterSlot> slots = new ArrayList<>(params.size());
      for (int i = 0; i < params.size(); i++) {
        slots.add(new ParameterSlot(names.get(i), params.get(i).getArray(), grads.get(i)));
      }
      optimizer.update(new Update(step, slots, x));
      if (!listeners.isEmpty()) {
        LoopStepContext ctx = new LoopStepContext(step, epoch, batch, l, grads, before);
        for (TrainingListener listener : listeners) {
          listener.onStep(ctx);
        }
      }
      return l;
    }
  }

  /**
   * Index of the first array with a NaN or infinite entry, or −1 when all entries are finite.
   * One read-back when all are finite: Σ_p Σ_i g_p,i is finite then; when it is not (a NaN or
   * an infinity, or a sum of finite entries that overflowed), the arrays are checked entry by
   * entry, so an overflowing sum alone does not count as non-finite. Temporaries belong to the
   * caller's {@link NDScope}.
   */
  static int firstNonFinite(List<NDArray> grads) {
    NDArray check = null;
    for (NDArray g : grads) {
      NDArray s = g.sum();
      check = check == null ? s : check.addi(s);
    }
    if (check == null || Float.isFinite(check.toFloatArray()[0])) {
      return -1;
    }
    for (int i = 0; i < grads.size(); i++) {
      if (grads.get(i).isNaN().logicalOr(grads.get(i).isInfinite()).any().getBoolean()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Holds the chunk of the training set, in the order π_e of epoch e, that contains the batch of
   * {@code step}, so that each step takes a contiguous slice instead of gathering scattered rows:
   * one gather per {@code chunkBatches} steps, each of at most {@link #CHUNK_BYTES}, so the
   * memory is reused by malloc instead of a fresh epoch-sized copy (188 MB for MNIST, ~0.4 s of
   * page faults per epoch on the 2-core box) being mapped every epoch.
   *
   * @return the first row of the step's batch within the held chunk
   */
  private long permuteFor(long step) {
    int spe = sampler.stepsPerEpoch();
    int b = sampler.batchSize();
    int epoch = sampler.epochOf(step);
    int j = (int) (step % spe);
    int c = j / chunkBatches;
    long key = (long) epoch * spe + c;
    if (key != permutedChunk) {
      releasePermuted();
      int[] perm = sampler.permutation(epoch);
      int from = c * chunkBatches * b;
      int to = Math.min(spe * b, from + chunkBatches * b);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray idx = data.indexArray(java.util.Arrays.copyOfRange(perm, from, to));
        permutedX = data.trainFeatures().get(idx);
        permutedY = data.trainTargets().get(idx);
        NDScope.unregister(permutedX, permutedY);
      }
      permutedChunk = key;
    }
    return (long) (j - c * chunkBatches) * b;
  }

  /** Frees the held chunk of the permuted training set (it is rebuilt on the next step). */
  public void releasePermuted() {
    if (permutedX != null) {
      permutedX.close();
      permutedY.close();
      permutedX = null;
      permutedY = null;
    }
    permutedChunk = -1;
  }

  private record Update(long step, List<ParameterSlot> parameters, NDArray batchFeatures)
      implements UpdateContext {}

  private final class LoopStepContext implements StepContext {
    private final long step;
    private final int epoch;
    private final int[] batch;
    private final float loss;
    private final List<NDArray> grads;
    private final List<NDArray> before;
    private final Map<String, NDArray> updates = new LinkedHashMap<>();

    LoopStepContext(long step, int epoch, int[] batch, float loss, List<NDArray> grads,
        List<NDArray> before) {
      this.step = step;
      this.epoch = epoch;
      this.batch = batch;
      this.loss = loss;
      this.grads = grads;
      this.before = before;
    }

    private int index(String name) {
      int i = names.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("no parameter '" + name + "': expected one of " + names);
      }
      return i;
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public int epoch() {
      return epoch;
    }

    @Override
    public int[] batchIndices() {
      return batch.clone();
    }

    @Override
    public float loss() {
      return loss;
    }

    @Override
    public List<String> parameterNames() {
      return names;
    }

    @Override
    public NDArray gradient(String name) {
      return grads.get(index(name));
    }

    @Override
    public NDArray weight(String name) {
      return params.get(index(name)).getArray();
    }

    @Override
    public NDArray update(String name) {
      int i = index(name);
      if (before == null) {
        throw new IllegalStateException(
            "StepContext.update(" + name + "): no listener declared needsUpdates() = true, so θ_k"
                + " was not kept; override TrainingListener.needsUpdates()");
      }
      return updates.computeIfAbsent(name, k -> params.get(i).getArray().sub(before.get(i)));
    }

    @Override
    public GradientOracle gradientOracle() {
      return oracle;
    }
  }
}
