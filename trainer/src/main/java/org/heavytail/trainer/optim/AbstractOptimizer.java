package org.heavytail.trainer.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.heavytail.trainer.optim.UpdateContext.ParameterSlot;
import org.heavytail.trainer.optim.schedule.LearningRateSchedule;

/**
 * Common machinery of the built-in optimizers: the learning-rate schedule, coupled weight decay,
 * the update count t, per-parameter state arrays (moments) kept on the engine, and their exact
 * save and restore.
 *
 * <p>At each {@link #update} the optimizer reads η = schedule(k) with k = {@link
 * UpdateContext#step()}, increments its own update count t (1 at the first update; the t of
 * Adam's bias corrections) and applies the subclass's rule to every parameter, updating the
 * weight in place. The gradient arrays are never modified (listeners may still read them).
 * Temporaries live in an {@link NDScope} closed at the end of the update.
 *
 * <p><b>Coupled weight decay</b> (L2 regularisation, {@code weight-decay=λ}): the rule sees the
 * gradient g + λθ in place of g, the gradient of L(θ) + (λ/2)‖θ‖².
 *
 * <p><b>State</b>: each parameter {@code p} owns the arrays named by {@code stateNames}, saved as
 * {@code NAME/p} float arrays (row-major, float32), plus the scalar {@code t}. A state loaded
 * before the first update is materialised lazily, on the weight's device, when the parameter is
 * first seen.
 */
public abstract class AbstractOptimizer implements Optimizer, AutoCloseable {

  private final String name;
  private final LearningRateSchedule schedule;
  private final double weightDecay;
  private final List<String> stateNames;
  private final Map<String, NDArray[]> states = new LinkedHashMap<>();
  private final Map<String, float[]> pending = new HashMap<>();
  private long count;

  /**
   * @param name the name ({@link #name()}, the key {@link #loadState} checks)
   * @param builder the common options
   * @param stateNames names of the per-parameter state arrays, e.g. {@code m}, {@code v}
   */
  protected AbstractOptimizer(String name, BaseBuilder<?> builder, String... stateNames) {
    this.name = name;
    this.schedule =
        builder.schedule != null
            ? builder.schedule
            : LearningRateSchedule.constant(builder.learningRate);
    this.weightDecay = builder.weightDecay;
    this.stateNames = List.of(stateNames);
  }

  @Override
  public String name() {
    return name;
  }

  /** The learning-rate schedule. */
  public LearningRateSchedule schedule() {
    return schedule;
  }

  /** The coupled weight decay λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Updates done so far (t after the last update). */
  public long updateCount() {
    return count;
  }

  @Override
  public final void update(UpdateContext step) {
    double lr = schedule.learningRate(step.step());
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalStateException(
          name + ": learning rate " + lr + " at step " + step.step() + " is not a finite rate >= 0");
    }
    count++;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      updateAll(step, lr, count);
    }
  }

  /**
   * Applies the rule to all parameters; the default calls {@link #updateParameter} for each.
   * Runs inside an {@link NDScope}: temporaries need not be closed.
   *
   * @param step the context
   * @param lr η at this step
   * @param t the update count, 1 at the first update
   */
  protected void updateAll(UpdateContext step, double lr, long t) {
    for (ParameterSlot p : step.parameters()) {
      updateParameter(p, stateOf(p), lr, t);
    }
  }

  /**
   * Updates one weight in place.
   *
   * @param p the parameter (weight updated in place, gradient read only)
   * @param state its state arrays, in the order of {@code stateNames}, updated in place
   * @param lr η at this step
   * @param t the update count, 1 at the first update
   */
  protected abstract void updateParameter(ParameterSlot p, NDArray[] state, double lr, long t);

  /** g + λθ with the coupled weight decay λ (a temporary), or g itself when λ = 0. */
  protected final NDArray decayedGradient(ParameterSlot p) {
    return weightDecay == 0 ? p.gradient() : p.gradient().add(p.weight().mul(weightDecay));
  }

  /** The state arrays of {@code p}, created as zeros (or from a loaded state) on first use. */
  protected final NDArray[] stateOf(ParameterSlot p) {
    NDArray[] s = states.get(p.name());
    if (s == null) {
      NDArray w = p.weight();
      s = new NDArray[stateNames.size()];
      for (int i = 0; i < s.length; i++) {
        String key = stateNames.get(i) + "/" + p.name();
        float[] saved = pending.remove(key);
        NDArray a;
        if (saved == null) {
          a = w.zerosLike();
        } else {
          if (saved.length != w.size()) {
            throw new IllegalStateException(
                name + ": saved state '" + key + "' has " + saved.length
                    + " values but parameter '" + p.name() + "' has shape " + w.getShape());
          }
          a = w.getManager().create(FloatBuffer.wrap(saved), w.getShape(), DataType.FLOAT32);
          if (w.getDataType() != DataType.FLOAT32) {
            NDArray c = a.toType(w.getDataType(), false);
            a.close();
            a = c;
          }
          if (!a.getDevice().equals(w.getDevice())) {
            NDArray c = a.toDevice(w.getDevice(), false);
            a.close();
            a = c;
          }
        }
        NDScope.unregister(a);
        a.setName(key);
        s[i] = a;
      }
      states.put(p.name(), s);
    }
    return s;
  }

  @Override
  public OptimizerState saveState() {
    Map<String, float[]> arrays = new LinkedHashMap<>(pending);
    states.forEach(
        (param, s) -> {
          for (int i = 0; i < s.length; i++) {
            NDArray a = s[i];
            float[] v =
                a.getDataType() == DataType.FLOAT32
                    ? a.toFloatArray()
                    : toFloat(a);
            arrays.put(stateNames.get(i) + "/" + param, v);
          }
        });
    Map<String, Double> scalars = new LinkedHashMap<>();
    scalars.put("t", (double) count);
    saveExtra(arrays, scalars);
    return new OptimizerState(name, arrays, scalars);
  }

  private static float[] toFloat(NDArray a) {
    try (NDArray f = a.toType(DataType.FLOAT32, false)) {
      return f.toFloatArray();
    }
  }

  @Override
  public void loadState(OptimizerState state) {
    if (!name.equals(state.optimizer())) {
      throw new IllegalArgumentException(
          "optimizer state was saved by '" + state.optimizer() + "', cannot load into '" + name
              + "'");
    }
    Double t = state.scalars().get("t");
    if (t == null || t < 0 || t != Math.rint(t)) {
      throw new IllegalArgumentException(
          name + ": optimizer state scalar 't' = " + t + ": expected an update count >= 0");
    }
    Set<String> unknown = new TreeSet<>();
    for (String key : state.arrays().keySet()) {
      int slash = key.indexOf('/');
      if (slash < 0 || !stateNames.contains(key.substring(0, slash))) {
        if (!acceptsExtraArray(key)) {
          unknown.add(key);
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": optimizer state has arrays " + unknown + " that this optimizer does not keep"
              + " (its per-parameter arrays: " + stateNames + ")");
    }
    loadExtra(state);
    closeStates();
    pending.clear();
    state.arrays().forEach(
        (k, v) -> {
          if (!acceptsExtraArray(k)) {
            pending.put(k, v.clone());
          }
        });
    count = t.longValue();
  }

  /** Hook: adds subclass state (e.g. a random stream) to a saved state. */
  protected void saveExtra(Map<String, float[]> arrays, Map<String, Double> scalars) {}

  /** Hook: restores what {@link #saveExtra} saved; called before the moments are replaced. */
  protected void loadExtra(OptimizerState state) {}

  /** Hook: true for array keys that {@link #saveExtra} writes (not per-parameter moments). */
  protected boolean acceptsExtraArray(String key) {
    return false;
  }

  private void closeStates() {
    for (NDArray[] s : states.values()) {
      for (NDArray a : s) {
        a.close();
      }
    }
    states.clear();
  }

  /** Frees the state arrays; a later update starts from zero moments (t is kept). */
  @Override
  public void close() {
    closeStates();
  }

  @Override
  public String toString() {
    return name + "{schedule=" + schedule + ", weightDecay=" + weightDecay + ", t=" + count + "}";
  }

  /**
   * Options common to all built-in optimizers.
   *
   * @param <B> the concrete builder
   */
  public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
    /** Option keys read by {@link #fromOptions}; subclasses add their own. */
    public static final Set<String> COMMON_KEYS =
        Set.of("lr", "weight-decay", "schedule", "total", "warmup", "step-size", "gamma", "lr-min",
            "seed");

    double learningRate = Double.NaN;
    LearningRateSchedule schedule;
    double weightDecay;

    /** The concrete builder. */
    protected abstract B self();

    /** Sets the base learning rate η (a constant schedule unless a schedule is set). */
    public B setLearningRate(double lr) {
      if (!(lr >= 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException("learning rate = " + lr + ": expected a finite rate >= 0");
      }
      this.learningRate = lr;
      return self();
    }

    /** Sets the schedule η_k; it overrides {@link #setLearningRate}. */
    public B optLearningRateSchedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return self();
    }

    /** Sets the coupled weight decay λ &gt;= 0 (see {@link AbstractOptimizer}). */
    public B optWeightDecay(double lambda) {
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException(
            "optimizer option 'weight-decay' = " + lambda + ": expected a finite value >= 0");
      }
      this.weightDecay = lambda;
      return self();
    }

    /** Throws unless a learning rate or a schedule was set. */
    protected void checkLearningRate(String optimizer) {
      if (schedule == null && Double.isNaN(learningRate)) {
        throw new IllegalArgumentException(
            optimizer + ": no learning rate: call setLearningRate or set option 'lr'");
      }
    }

    /**
     * Reads the common options ({@code lr}, {@code weight-decay} and the schedule's keys, see
     * {@link LearningRateSchedule#fromOptions}) and rejects any key outside {@link #COMMON_KEYS}
     * and {@code extraKeys}.
     *
     * @param optimizer the optimizer's name, for messages
     * @param options the options
     * @param defaultLr η when {@code lr} is absent (NaN: {@code lr} is required)
     * @param extraKeys the optimizer's own keys
     */
    protected B fromOptions(
        String optimizer, OptimizerOptions options, double defaultLr, Set<String> extraKeys) {
      Set<String> unknown = new TreeSet<>(options.asMap().keySet());
      unknown.removeAll(COMMON_KEYS);
      unknown.removeAll(extraKeys);
      if (!unknown.isEmpty()) {
        Set<String> known = new TreeSet<>(COMMON_KEYS);
        known.addAll(extraKeys);
        throw new IllegalArgumentException(
            optimizer + ": unknown optimizer option(s) " + unknown + ": expected keys among "
                + known);
      }
      double lr = options.getDouble("lr", defaultLr);
      if (Double.isNaN(lr)) {
        throw new IllegalArgumentException(optimizer + ": optimizer option 'lr' is required");
      }
      setLearningRate(lr);
      optLearningRateSchedule(LearningRateSchedule.fromOptions(lr, options));
      optWeightDecay(options.getDouble("weight-decay", 0.0));
      return self();
    }
  }
}
