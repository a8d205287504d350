package org.heavytail.trainer.hook;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.heavytail.trainer.loop.GradientOracle;
import org.heavytail.trainer.loop.RunInfo;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.store.SnapshotKind;
import org.heavytail.trainer.store.SnapshotRecord;
import org.heavytail.trainer.store.SnapshotWriter;

/**
 * The gradient-noise probe of Şimşekli, Sagun and Gürbüzbalaban (ICML 2019, §4): at chosen steps,
 * with θ frozen, the reference gradient g(θ) ({@link NoiseReference}: full data by default) and
 * the gradients g_{B_i}(θ) of {@code batches} disjoint minibatches B_1..B_N of size b drawn without
 * replacement (a seeded permutation of the training set cut into blocks), recording per layer the
 * noise U_i = g_{B_i}(θ) − g(θ) as one {@code noise} row per minibatch and g itself as one {@code
 * fullgrad} row.
 *
 * <p>When: after the update of step k with (k + 1) a multiple of {@code every}, i.e. at θ_{k+1},
 * the weights the {@code weights} snapshot of step k holds; the records carry manifest step k.
 * A summary row per layer goes to {@code noise.csv}: {@code
 * step,epoch,layer,reference,reference_size,batches,batch_size,grad_norm,noise_sq_mean,noise_var}
 * plus {@code alpha_<tracker>} columns, with noise_sq_mean = (1/N) Σ_i ‖U_i‖² (an estimate of
 * tr Σ_b) and noise_var = noise_sq_mean / width, both over the kept coordinates.
 *
 * <p>Running-estimate variant ({@link Builder#optRunningEstimate}): at every step the hook keeps
 * m_k = β m_{k−1} + (1 − β) g_{B_k}(θ_k) per kept coordinate (m_0 = g_{B_0}) and, every {@code
 * runningEvery} steps, records U ≈ g_{B_k}(θ_k) − m_{k−1} as kind {@code noise-running}: an
 * approximation using only the training minibatches (θ moves and m lags), labelled as such.
 *
 * <p>Cost: a probe takes N minibatch gradients plus the reference (n/b gradients' worth of compute
 * for the full-data reference, none extra for {@code probe-mean}).
 */
public final class NoiseProbeHook implements TrainingListener {

  private static final int REFERENCE_CHUNK = 4096;

  private final SnapshotSink sink;
  private final LayerPlan plan;
  private final int every;
  private final int batches;
  private final int batchSize;
  private final NoiseReference reference;
  private final long seed;
  private final boolean frozen;
  private final boolean running;
  private final int runningEvery;
  private final double beta;
  private final List<TailIndexTracker> trackers;
  private SnapshotWriter writer;
  private CsvSink csv;
  private final Map<String, float[]> runningMean = new LinkedHashMap<>();
  private float[] scratch = new float[0];
  private boolean validated;

  private NoiseProbeHook(Builder b) {
    this.sink = b.sink;
    this.plan = b.plan;
    this.every = b.every;
    this.batches = b.batches;
    this.batchSize = b.batchSize;
    this.reference = b.reference;
    this.seed = b.seed;
    this.frozen = b.frozen;
    this.running = b.running;
    this.runningEvery = b.runningEvery;
    this.beta = b.beta;
    this.trackers = List.copyOf(b.trackers);
    Map<String, Object> d = new LinkedHashMap<>(plan.describe());
    if (frozen) {
      d.put("noise", "U_i = g_{B_i}(theta) - g(theta) at frozen theta = theta_{k+1}, one row per"
          + " minibatch, manifest step k, taken when (k+1) % every == 0");
      d.put("every", every);
      d.put("batches", batches);
      d.put("batchSize", batchSize == 0 ? "training batch size" : batchSize);
      d.put("reference", reference.label());
      d.put("seed", seed);
    }
    if (running) {
      d.put("noise-running", "U ~ g_B(theta_k) - m_{k-1}, m an exponential moving average of "
          + "training minibatch gradients (beta " + beta + "): running estimate, not frozen theta");
      d.put("runningEvery", runningEvery);
    }
    sink.describe("noise", d);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrainingBegin(RunInfo run) {
    writer = sink.open(run);
    StringBuilder header = new StringBuilder(
        "step,epoch,layer,reference,reference_size,batches,batch_size,grad_norm,noise_sq_mean,"
            + "noise_var");
    trackers.forEach(t -> header.append(",alpha_").append(t.name()));
    if (frozen) {
      csv = new CsvSink(run.runDir().resolve("noise.csv"), header.toString());
    }
  }

  @Override
  public void onStep(StepContext ctx) {
    if (writer.state() != SnapshotWriter.State.RUNNING) {
      return;
    }
    List<LayerPlan.Layer> layers = plan.layers(ctx, writer);
    if (frozen && !validated) {
      int n = ctx.gradientOracle().trainingSetSize();
      int b = batchSize > 0 ? batchSize : ctx.batchIndices().length;
      if ((long) batches * b > n) {
        throw new IllegalArgumentException("noise probe needs " + batches + " disjoint "
            + "minibatches of " + b + " examples = " + (long) batches * b + " > training set size "
            + n + "; lower --noise-batches");
      }
      validated = true;
    }
    if (running) {
      runningStep(ctx, layers);
    }
    if (frozen && (ctx.step() + 1) % every == 0) {
      probe(ctx, layers);
    }
  }

  private void runningStep(StepContext ctx, List<LayerPlan.Layer> layers) {
    boolean record = ctx.step() % runningEvery == 0;
    for (LayerPlan.Layer l : layers) {
      if (scratch.length < l.width()) {
        scratch = new float[l.width()];
      }
      FloatBuffer g = TensorCopy.view(ctx.gradient(l.name()));
      TensorCopy.copy(g, l.indices(), scratch, 0);
      float[] m = runningMean.get(l.name());
      if (m == null) {
        runningMean.put(l.name(), java.util.Arrays.copyOf(scratch, l.width()));
        continue;
      }
      float[] u = record ? writer.borrow(l.width()) : null;
      float b = (float) beta;
      float c = 1 - b;
      for (int i = 0; i < l.width(); i++) {
        float gi = scratch[i];
        if (u != null) {
          u[i] = gi - m[i];
        }
        m[i] = b * m[i] + c * gi;
      }
      if (u != null) {
        writer.submit(new SnapshotRecord(ctx.step(), ctx.epoch(), l.name(),
            SnapshotKind.NOISE_RUNNING, 1, l.width(), u));
      }
    }
  }

  /** The first {@code count} disjoint minibatches of {@code size} along {@code perm}. */
  private static List<int[]> minibatches(int[] perm, int count, int size) {
    List<int[]> sets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sets.add(java.util.Arrays.copyOfRange(perm, i * size, (i + 1) * size));
    }
    return sets;
  }

  /**
   * u ← u − r in place, returning Σ (u − r)² in double; four independent partial sums, since a
   * single chain of dependent adds, not their number, bounds the loop.
   */
  static double subtractAndSquare(float[] u, float[] r) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int n = u.length;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      float d0 = u[k] - r[k];
      float d1 = u[k + 1] - r[k + 1];
      float d2 = u[k + 2] - r[k + 2];
      float d3 = u[k + 3] - r[k + 3];
      u[k] = d0;
      u[k + 1] = d1;
      u[k + 2] = d2;
      u[k + 3] = d3;
      s0 += (double) d0 * d0;
      s1 += (double) d1 * d1;
      s2 += (double) d2 * d2;
      s3 += (double) d3 * d3;
    }
    for (; k < n; k++) {
      float d = u[k] - r[k];
      u[k] = d;
      s0 += (double) d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  private void probe(StepContext ctx, List<LayerPlan.Layer> layers) {
    GradientOracle oracle = ctx.gradientOracle();
    int n = oracle.trainingSetSize();
    int b = batchSize > 0 ? batchSize : ctx.batchIndices().length;
    if ((long) batches * b > n) {
      throw new IllegalArgumentException("noise probe needs " + batches + " disjoint minibatches"
          + " of " + b + " examples = " + (long) batches * b + " > training set size " + n
          + "; lower --noise-batches");
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ (ctx.step() * 0x9E3779B97F4A7C15L));
    int[] perm = permutation(n, rnd);
    long step = ctx.step();
    int epoch = ctx.epoch();

    // reference gradient on kept coordinates
    Map<String, float[]> ref = new LinkedHashMap<>();
    List<Map<String, float[]>> probeGrads = null;
    int refSize;
    if (reference.kind() == NoiseReference.Kind.PROBE_MEAN) {
      probeGrads = new ArrayList<>(batches);
      double[][] sum = new double[layers.size()][];
      List<Map<String, float[]>> kept = probeGrads;
      oracle.gradients(minibatches(perm, batches, b), g -> {
        Map<String, float[]> rows = new LinkedHashMap<>();
        for (int j = 0; j < layers.size(); j++) {
          LayerPlan.Layer l = layers.get(j);
          float[] row = new float[l.width()];
          TensorCopy.gather(g.get(l.name()), l.indices(), row);
          rows.put(l.name(), row);
          if (sum[j] == null) {
            sum[j] = new double[l.width()];
          }
          for (int k = 0; k < row.length; k++) {
            sum[j][k] += row[k];
          }
        }
        kept.add(rows);
      });
      for (int j = 0; j < layers.size(); j++) {
        float[] r = new float[layers.get(j).width()];
        for (int k = 0; k < r.length; k++) {
          r[k] = (float) (sum[j][k] / batches);
        }
        ref.put(layers.get(j).name(), r);
      }
      refSize = batches * b;
    } else {
      int[] idx;
      if (reference.kind() == NoiseReference.Kind.FULL) {
        idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
      } else {
        idx = java.util.Arrays.copyOf(permutation(n, new SplittableRandom(~seed ^ step)),
            Math.min(n, reference.size()));
      }
      refSize = idx.length;
      Map<String, double[]> acc = new LinkedHashMap<>();
      List<int[]> chunks = new ArrayList<>();
      for (int from = 0; from < idx.length; from += REFERENCE_CHUNK) {
        chunks.add(java.util.Arrays.copyOfRange(idx, from, Math.min(idx.length,
            from + REFERENCE_CHUNK)));
      }
      java.util.Iterator<int[]> chunk = chunks.iterator();
      int total = idx.length;
      oracle.gradients(chunks, g -> {
        double w = (double) chunk.next().length / total;
        for (LayerPlan.Layer l : layers) {
          float[] gl = g.get(l.name());
          double[] a = acc.computeIfAbsent(l.name(), k -> new double[l.width()]);
          int[] ix = l.indices();
          for (int k = 0; k < a.length; k++) {
            a[k] += w * gl[ix == null ? k : ix[k]];
          }
        }
      });
      for (LayerPlan.Layer l : layers) {
        double[] a = acc.get(l.name());
        float[] r = new float[a.length];
        for (int k = 0; k < r.length; k++) {
          r[k] = (float) a[k];
        }
        ref.put(l.name(), r);
      }
    }
    for (LayerPlan.Layer l : layers) {
      float[] row = writer.borrow(l.width());
      System.arraycopy(ref.get(l.name()), 0, row, 0, l.width());
      writer.submit(new SnapshotRecord(step, epoch, l.name(), SnapshotKind.FULL_GRADIENT, 1,
          l.width(), row));
    }

    // noise rows
    double[] sq = new double[layers.size()];
    List<List<TailIndexTracker.Accumulation>> acc = new ArrayList<>();
    for (int j = 0; j < layers.size(); j++) {
      List<TailIndexTracker.Accumulation> a = new ArrayList<>();
      trackers.forEach(t -> a.add(t.start()));
      acc.add(a);
    }
    boolean gathered = probeGrads != null;
    java.util.function.Consumer<Map<String, float[]>> noiseRows = g -> {
      for (int j = 0; j < layers.size(); j++) {
        LayerPlan.Layer l = layers.get(j);
        float[] u = writer.borrow(l.width());
        float[] src = g.get(l.name());
        if (gathered) {
          System.arraycopy(src, 0, u, 0, l.width());
        } else {
          TensorCopy.gather(src, l.indices(), u);
        }
        sq[j] += subtractAndSquare(u, ref.get(l.name()));
        for (TailIndexTracker.Accumulation a : acc.get(j)) {
          a.accept(u, 0, u.length);
        }
        writer.submit(new SnapshotRecord(step, epoch, l.name(), SnapshotKind.NOISE, 1,
            l.width(), u));
      }
    };
    if (gathered) {
      probeGrads.forEach(noiseRows);
    } else {
      oracle.gradients(minibatches(perm, batches, b), noiseRows);
    }
    for (int j = 0; j < layers.size(); j++) {
      LayerPlan.Layer l = layers.get(j);
      float[] r = ref.get(l.name());
      double gn = 0;
      for (float v : r) {
        gn += (double) v * v;
      }
      double msq = sq[j] / batches;
      csv.add(step).add(epoch).add(l.name()).add(reference.label()).add(refSize).add(batches)
          .add(b).add(Math.sqrt(gn)).add(msq).add(msq / l.width());
      for (TailIndexTracker.Accumulation a : acc.get(j)) {
        csv.add(a.alpha());
      }
      csv.endRow();
    }
    csv.flush();
  }

  private static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public void onTrainingEnd(RunInfo run) {
    if (csv != null) {
      csv.close();
    }
    sink.close();
  }

  /** Builder of a {@link NoiseProbeHook}. */
  public static final class Builder extends StoreHookBuilder<Builder> {
    private int every = 100;
    private int batches = 100;
    private int batchSize;
    private NoiseReference reference = NoiseReference.full();
    private long seed = 1;
    private boolean frozen = true;
    private boolean running;
    private int runningEvery = 1;
    private double beta = 0.9;
    private final List<TailIndexTracker> trackers = new ArrayList<>();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /** Probe after every K updates (default 100). */
    public Builder optEvery(int k) {
      this.every = Require.atLeast("--noise-every", k, 1);
      return this;
    }

    /** Minibatches per probe (default 100). */
    public Builder optBatches(int n) {
      this.batches = Require.atLeast("--noise-batches", n, 2);
      return this;
    }

    /** Probe minibatch size (default: the training batch size). */
    public Builder optBatchSize(int b) {
      this.batchSize = Require.atLeast("noise batch size", b, 1);
      return this;
    }

    /** Reference gradient (default full data). */
    public Builder optReference(NoiseReference r) {
      this.reference = Objects.requireNonNull(r);
      return this;
    }

    /** Seed of the minibatch draw (default 1). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether to run the frozen-θ probe (default true). */
    public Builder optFrozenProbe(boolean on) {
      this.frozen = on;
      return this;
    }

    /** Record the running-estimate noise every {@code k} steps with EMA factor β. */
    public Builder optRunningEstimate(int k, double beta) {
      if (k < 1 || !(beta > 0 && beta < 1)) {
        throw new IllegalArgumentException("running noise needs every >= 1 and beta in (0, 1), "
            + "got " + k + ", " + beta);
      }
      this.running = true;
      this.runningEvery = k;
      this.beta = beta;
      return this;
    }

    /** Adds a tail-index tracker fed with each probe's noise rows, per layer. */
    public Builder addTracker(TailIndexTracker t) {
      trackers.add(Objects.requireNonNull(t));
      return this;
    }

    /** Builds the hook. */
    public NoiseProbeHook build() {
      requireSink("NoiseProbeHook");
      if (!frozen && !running) {
        throw new IllegalStateException("NoiseProbeHook with neither the probe nor the running "
            + "estimate does nothing");
      }
      return new NoiseProbeHook(this);
    }
  }
}
