package org.heavytail.trainer.hook;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainingListener;

/**
 * Per-step statistics without raw tensors: one row per (step, layer) of {@code stats.csv} (layer
 * {@code _all} for the whole model), columns {@code
 * step,epoch,layer,loss,grad_norm,weight_norm,update_norm,grad_cos,noise_norm,noise_var} plus
 * {@code alpha_<tracker>}:
 *
 * <ul>
 *   <li>grad_norm ‖g_B(θ_k)‖, weight_norm ‖θ_{k+1}‖, update_norm ‖Δθ_k‖ = ‖θ_{k+1} − θ_k‖ with
 *       θ_k kept from the previous step (empty at the first step of a start or resume); Euclidean,
 *       float32 partial sums of 4096 values accumulated in float64;
 *   <li>grad_cos = ⟨g_k, g_{k'}⟩ / (‖g_k‖ ‖g_{k'}‖) with k' the previous recorded step;
 *   <li>noise_norm = ‖g_B(θ_k) − m_{k−1}‖ with m the exponential moving average m_k = β m_{k−1} +
 *       (1 − β) g_B(θ_k) of every step's gradient (m_0 = g_B(θ_0); empty at the first step):
 *       a running estimate of the gradient noise U_B, not the frozen-θ probe;
 *   <li>noise_var = ((1 + β) / 2) ‖g_B − m_{k−1}‖² / d: per-coordinate variance of the minibatch
 *       noise, corrected for the variance (1 − β)/(1 + β)·Σ_b that m itself carries when
 *       successive g_B are i.i.d. with covariance Σ_b (stationarity assumed);
 *   <li>alpha_&lt;tracker&gt;: every {@code trackerEvery} steps, each {@link TailIndexTracker}
 *       applied to the layer's running noise g_B − m_{k−1} (per layer; empty otherwise).
 * </ul>
 *
 * <p>The moving average is updated every step (cost: one pass over the gradient); rows are written
 * every {@code every} steps.
 */
public final class OnlineStatsHook implements TrainingListener {

  /** File name inside the run directory. */
  public static final String FILE = "stats.csv";

  private final LayerSelection selection;
  private final int every;
  private final double beta;
  private final List<TailIndexTracker> trackers;
  private final int trackerEvery;
  private CsvSink csv;
  private List<String> layers;
  private final Map<String, State> states = new LinkedHashMap<>();
  private float[] noise = new float[0];

  private static final class State {
    float[] prev;
    float[] cur;
    float[] mean;
    boolean hasPrev;
    double prevNormSquared; // ‖prev‖², the gg of the step that produced prev
    float[] weight; // θ_{k+1} of the last step seen, for Δθ of the next
    float[] weightNext;
    long weightStep = -2;
  }

  private OnlineStatsHook(Builder b) {
    this.selection = b.selection;
    this.every = b.every;
    this.beta = b.beta;
    this.trackers = List.copyOf(b.trackers);
    this.trackerEvery = b.trackerEvery;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The CSV header for this hook's trackers. */
  public String header() {
    StringBuilder h = new StringBuilder(
        "step,epoch,layer,loss,grad_norm,weight_norm,update_norm,grad_cos,noise_norm,noise_var");
    trackers.forEach(t -> h.append(",alpha_").append(t.name()));
    return h.toString();
  }

  /** What this hook records, for {@code hooks.json}. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("file", FILE);
    d.put("layers", selection.isAll() ? "all" : selection.patterns());
    d.put("every", every);
    d.put("beta", beta);
    d.put("noise", "running estimate g_B - EMA of past minibatch gradients");
    List<String> t = new ArrayList<>();
    trackers.forEach(x -> t.add(x.name()));
    d.put("trackers", t);
    d.put("trackerEvery", trackerEvery);
    return d;
  }

  /**
   * Whether the loop must provide {@code StepContext.update} (it keeps a copy of θ_k only then);
   * see {@code TrainingListener.needsUpdates}: false, the hook derives ‖Δθ_k‖ from θ_{k+1} and
   * the θ_k it kept at the previous step (no copy of θ_k in the loop), so the first step after a
   * start or resume has no update norm.
   */
  @Override
  public boolean needsUpdates() {
    return false;
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    csv = new CsvSink(run.runDir().resolve(FILE), header());
  }

  @Override
  public void onStep(StepContext ctx) {
    if (layers == null) {
      layers = selection.select(ctx.parameterNames());
    }
    boolean write = ctx.step() % every == 0;
    boolean track = write && !trackers.isEmpty() && ctx.step() % trackerEvery == 0;
    double tgg = 0;
    double tgp = 0;
    double tpp = 0;
    double tww = 0;
    double tuu = 0;
    double tdd = 0;
    long td = 0;
    boolean allPrev = true;
    boolean allMean = true;
    float b = (float) beta;
    float c = 1 - b;
    for (String name : layers) {
      FloatBuffer g = TensorCopy.view(ctx.gradient(name));
      int n = g.limit();
      State s = states.computeIfAbsent(name, k -> new State());
      if (s.cur == null) {
        s.cur = new float[n];
        s.prev = new float[n];
      }
      float[] x = s.cur; // filled from g below (in the main loop once there is a mean)
      float[] p = s.prev;
      boolean hasMean = s.mean != null;
      double gg = 0;
      double gp = 0;
      double pp = 0;
      double dd = 0;
      if (hasMean) {
        float[] m = s.mean;
        if (track && noise.length < n) {
          noise = new float[n];
        }
        float[] u = noise;
        // four independent float partial sums per quantity (the adds' latency, not their
        // count, bounds a single chain), flushed into doubles every 4096 values; ‖g_{k−1}‖² is
        // the previous step's gg, kept, not summed again
        float gg0 = 0, gg1 = 0, gg2 = 0, gg3 = 0;
        float gp0 = 0, gp1 = 0, gp2 = 0, gp3 = 0;
        float dd0 = 0, dd1 = 0, dd2 = 0, dd3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
          float x0 = g.get(i);
          float x1 = g.get(i + 1);
          float x2 = g.get(i + 2);
          float x3 = g.get(i + 3);
          x[i] = x0;
          x[i + 1] = x1;
          x[i + 2] = x2;
          x[i + 3] = x3;
          float m0 = m[i];
          float m1 = m[i + 1];
          float m2 = m[i + 2];
          float m3 = m[i + 3];
          float d0 = x0 - m0;
          float d1 = x1 - m1;
          float d2 = x2 - m2;
          float d3 = x3 - m3;
          if (track) {
            u[i] = d0;
            u[i + 1] = d1;
            u[i + 2] = d2;
            u[i + 3] = d3;
          }
          gg0 += x0 * x0;
          gg1 += x1 * x1;
          gg2 += x2 * x2;
          gg3 += x3 * x3;
          gp0 += x0 * p[i];
          gp1 += x1 * p[i + 1];
          gp2 += x2 * p[i + 2];
          gp3 += x3 * p[i + 3];
          dd0 += d0 * d0;
          dd1 += d1 * d1;
          dd2 += d2 * d2;
          dd3 += d3 * d3;
          m[i] = b * m0 + c * x0;
          m[i + 1] = b * m1 + c * x1;
          m[i + 2] = b * m2 + c * x2;
          m[i + 3] = b * m3 + c * x3;
          if ((i & 4095) == 4092) {
            gg += (gg0 + gg1) + (gg2 + gg3);
            gp += (gp0 + gp1) + (gp2 + gp3);
            dd += (dd0 + dd1) + (dd2 + dd3);
            gg0 = gg1 = gg2 = gg3 = gp0 = gp1 = gp2 = gp3 = dd0 = dd1 = dd2 = dd3 = 0;
          }
        }
        for (; i < n; i++) {
          x[i] = g.get(i);
          float d0 = x[i] - m[i];
          if (track) {
            u[i] = d0;
          }
          gg0 += x[i] * x[i];
          gp0 += x[i] * p[i];
          dd0 += d0 * d0;
          m[i] = b * m[i] + c * x[i];
        }
        gg += (gg0 + gg1) + (gg2 + gg3);
        gp += (gp0 + gp1) + (gp2 + gp3);
        dd += (dd0 + dd1) + (dd2 + dd3);
        pp = s.prevNormSquared;
      } else {
        g.get(0, x, 0, n);
        for (int i = 0; i < n; i++) {
          gg += (double) x[i] * x[i];
        }
        s.mean = x.clone();
      }
      double[] wu = weightAndUpdate(s, TensorCopy.view(ctx.weight(name)), ctx.step());
      double ww = wu[0];
      double uu = wu[1];
      boolean hasPrev = s.hasPrev;
      // keep this gradient as the next step's previous one (swap, no copy)
      s.prev = x;
      s.cur = p;
      s.prevNormSquared = gg;
      s.hasPrev = true;
      tgg += gg;
      tww += ww;
      tuu += uu;
      allPrev &= hasPrev;
      allMean &= hasMean;
      if (hasPrev) {
        tgp += gp;
        tpp += pp;
      }
      if (hasMean) {
        tdd += dd;
      }
      td += n;
      if (write) {
        csv.add(ctx.step()).add(ctx.epoch()).add(name).add(ctx.loss()).add(Math.sqrt(gg))
            .add(Math.sqrt(ww)).add(Math.sqrt(uu))
            .add(hasPrev ? gp / Math.sqrt(gg * pp) : Double.NaN)
            .add(hasMean ? Math.sqrt(dd) : Double.NaN)
            .add(hasMean ? (1 + beta) / 2 * dd / n : Double.NaN);
        for (TailIndexTracker t : trackers) {
          if (track && hasMean) {
            TailIndexTracker.Accumulation a = t.start();
            a.accept(noise, 0, n);
            csv.add(a.alpha());
          } else {
            csv.add(Double.NaN);
          }
        }
        csv.endRow();
      }
    }
    if (write) {
      csv.add(ctx.step()).add(ctx.epoch()).add("_all").add(ctx.loss()).add(Math.sqrt(tgg))
          .add(Math.sqrt(tww)).add(Math.sqrt(tuu))
          .add(allPrev ? tgp / Math.sqrt(tgg * tpp) : Double.NaN)
          .add(allMean ? Math.sqrt(tdd) : Double.NaN)
          .add(allMean ? (1 + beta) / 2 * tdd / td : Double.NaN);
      for (int i = 0; i < trackers.size(); i++) {
        csv.add(Double.NaN);
      }
      csv.endRow();
    }
  }

  /** ‖θ_{k+1}‖² and ‖θ_{k+1} − θ_k‖² (NaN without θ_k from step k − 1) in one pass. */
  private static double[] weightAndUpdate(State s, FloatBuffer v, long step) {
    int n = v.limit();
    if (s.weight == null) {
      s.weight = new float[n];
      s.weightNext = new float[n];
    }
    float[] w = s.weightNext; // filled from v in the loop
    float[] p = s.weight;
    boolean hasPrev = s.weightStep == step - 1;
    double ww = 0;
    double uu = 0;
    float w0 = 0, w1 = 0, w2 = 0, w3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      float a0 = v.get(i);
      float a1 = v.get(i + 1);
      float a2 = v.get(i + 2);
      float a3 = v.get(i + 3);
      w[i] = a0;
      w[i + 1] = a1;
      w[i + 2] = a2;
      w[i + 3] = a3;
      float d0 = a0 - p[i];
      float d1 = a1 - p[i + 1];
      float d2 = a2 - p[i + 2];
      float d3 = a3 - p[i + 3];
      w0 += a0 * a0;
      w1 += a1 * a1;
      w2 += a2 * a2;
      w3 += a3 * a3;
      u0 += d0 * d0;
      u1 += d1 * d1;
      u2 += d2 * d2;
      u3 += d3 * d3;
      if ((i & 4095) == 4092) {
        ww += (w0 + w1) + (w2 + w3);
        uu += (u0 + u1) + (u2 + u3);
        w0 = w1 = w2 = w3 = u0 = u1 = u2 = u3 = 0;
      }
    }
    for (; i < n; i++) {
      w[i] = v.get(i);
      float d = w[i] - p[i];
      w0 += w[i] * w[i];
      u0 += d * d;
    }
    ww += (w0 + w1) + (w2 + w3);
    uu += (u0 + u1) + (u2 + u3);
    s.weightNext = p;
    s.weight = w;
    s.weightStep = step;
    return new double[] {ww, hasPrev ? uu : Double.NaN};
  }

  @Override
  public void onEpoch(org.heavytail.trainer.loop.EpochSummary epoch) {
    if (csv != null) {
      csv.flush();
    }
  }

  @Override
  public void onTrainingEnd(RunInfo run) {
    if (csv != null) {
      csv.close();
    }
  }

  /** Builder of an {@link OnlineStatsHook}. */
  public static final class Builder {
    private LayerSelection selection = LayerSelection.all();
    private int every = 1;
    private double beta = 0.9;
    private final List<TailIndexTracker> trackers = new ArrayList<>();
    private int trackerEvery = 10;

    private Builder() {}

    /** Layers (default all). */
    public Builder optLayers(LayerSelection s) {
      this.selection = Objects.requireNonNull(s);
      return this;
    }

    /** Write a row every k steps (default 1). */
    public Builder optEvery(int k) {
      this.every = Require.atLeast("stats every", k, 1);
      return this;
    }

    /** Moving-average factor β of the running noise estimate (default 0.9). */
    public Builder optBeta(double beta) {
      if (!(beta > 0 && beta < 1)) {
        throw new IllegalArgumentException("beta must be in (0, 1), got " + beta);
      }
      this.beta = beta;
      return this;
    }

    /** Adds a tail-index tracker of the running noise, applied every {@code trackerEvery} steps. */
    public Builder addTracker(TailIndexTracker t) {
      trackers.add(Objects.requireNonNull(t));
      return this;
    }

    /** Steps between tail-index estimates (default 10; the estimators cost a log per value). */
    public Builder optTrackerEvery(int k) {
      this.trackerEvery = Require.atLeast("tracker every", k, 1);
      return this;
    }

    /** Builds the hook. */
    public OnlineStatsHook build() {
      return new OnlineStatsHook(this);
    }
  }
}
