package org.heavytail.tailstats.estimate;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import org.heavytail.tailstats.accumulate.BlockSumAccumulator;
import org.heavytail.tailstats.io.MappedNpy;

/**
 * The block-sum tail-index estimator of Mohammadi, Mohammadpour &amp; Ogata (2015), as used by
 * Şimşekli, Sagun &amp; Gürbüzbalaban (2019) and Gürbüzbalaban et al. (2021). SCIENCE.md §2.
 *
 * <p>With N = K·m samples cut into K blocks of m consecutive samples with sums Y_j,
 * <pre>  1/α̂ = ( (1/K) Σ_j ln|Y_j| − (1/N) Σ_i ln|X_i| ) / ln m.</pre>
 * For the symmetric α-stable law Y_j has the law of m^{1/α} X_1, so the bracket has expectation
 * (ln m)/α for every m. The choice of m ({@link Selection}):
 * <ul>
 *   <li>{@code GRID_MEDIAN} (default): the median of α̂_m over {2, 5, 10, 20, 50, 100, 500, 1000}
 *       (Gürbüzbalaban et al.), restricted to the ascending prefix whose least common multiple
 *       L satisfies n ≥ 20·L; every α̂_m is reported ({@code alphas}, {@code block_sizes}) with
 *       the spread ({@code alpha_min}, {@code alpha_max}).
 *   <li>{@code SIMSEKLI}: m = the largest divisor of n not above √n (Şimşekli et al.'s scripts);
 *       for prime n the last sample is dropped first ({@code dropped_samples}).
 *   <li>{@code FIXED}: a given m.
 * </ul>
 *
 * <p><b>Interval.</b> The samples are cut into superblocks of L consecutive samples (a multiple of
 * every m); per superblock s, t_s = mean of Z_j = ln|Y_j| − (1/m)Σ_{i∈j} ln|X_i| over its blocks.
 * For i.i.d. samples the t_s are i.i.d., so for one m the interval is the delta-method
 * (asymptotic) interval: 1/α ∈ mean(t)/ln m ± z·sd(t)/(√S ln m), inverted (kind
 * {@code asymptotic}); for the grid median it is the percentile interval of a bootstrap over
 * superblocks (kind {@code bootstrap}, B = 200 by default, seeded). Coverage is measured on SαS
 * samples in {@code BlockSumEstimatorTest} and {@code benchmarks/estimators.md}.
 *
 * <p><b>Caveats.</b> Not clipped: Gaussian data read about 2 and may exceed it. The estimator
 * assumes exchangeable samples with one scale: coordinates on different scales or correlated
 * coordinates read far below 2 (SCIENCE.md pitfalls), so standardize per group and permute
 * first ({@link Preprocess}). Power-law but non-stable data are read with a bias: Student-t with
 * ν = 3 (finite variance, in the Gaussian domain of attraction) reads about 1.8 at practical n.
 *
 * <p><b>Speed.</b> Logarithms of sums are taken with {@link
 * org.heavytail.tailstats.accumulate.LogAbsSum} (products with exponent extraction, error
 * ~1e-16 on the mean); work is split at superblock boundaries over a ForkJoin pool, so the
 * parallel result equals the sequential one up to re-association of double sums.
 *
 * <p>Input: {@code float[]}, {@link FloatBuffer} or a {@link MappedNpy} of any size; exact zeros,
 * NaN and infinities are refused (remove zeros with {@link Preprocess#removeZeros}).
 */
public final class BlockSumEstimator implements TailIndexEstimator {

  /** How m is chosen. */
  public enum Selection {
    /** Median of α̂_m over a grid. */
    GRID_MEDIAN,
    /** Largest divisor of n not above √n. */
    SIMSEKLI,
    /** One given m. */
    FIXED
  }

  /** The method name in results. */
  public static final String NAME = "block-sum";
  private static final int MIN_SAMPLES = 100;
  private static final int MIN_SUPERBLOCKS = 20;
  private static final int PARALLEL_THRESHOLD = 1 << 16;

  private final Selection selection;
  private final int[] grid;
  private final double confidence;
  private final int replicates;
  private final long seed;
  private final int parallelism;

  private BlockSumEstimator(Builder b) {
    this.selection = b.selection;
    this.grid = b.grid.clone();
    this.confidence = b.confidence;
    this.replicates = b.replicates;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
  }

  /** The median over the default grid {2, 5, 10, 20, 50, 100, 500, 1000}. */
  public static BlockSumEstimator of() {
    return builder().build();
  }

  /** One block size (fixed m), or the median over several. */
  public static BlockSumEstimator of(int... blockSizes) {
    return builder().optBlockSizes(blockSizes).build();
  }

  /** Şimşekli's rule: m = the largest divisor of n not above √n. */
  public static BlockSumEstimator simsekli() {
    return builder().optSimsekli().build();
  }

  /** A builder with the defaults: grid median, 95% interval, 200 replicates, seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The selection rule. */
  public Selection selection() {
    return selection;
  }

  @Override
  public TailIndexEstimate estimate(float[] sample) {
    Validation.requireCount(NAME, sample.length, needed());
    try {
      return run(sample.length, (acc, from, to) -> acc.accept(sample, (int) from, (int) (to - from)));
    } catch (IllegalArgumentException e) {
      Validation.requireFinite(NAME, sample);
      long zeros = 0;
      for (float v : sample) {
        if (v == 0f) {
          zeros++;
        }
      }
      if (zeros > 0) {
        throw new IllegalArgumentException(NAME + ": found " + zeros + " exact zeros among "
            + sample.length + " samples; needed 0, since ln|x| is undefined at 0 (remove them"
            + " with Preprocess.removeZeros, which counts what it removed)", e);
      }
      throw e;
    }
  }

  /** Estimates from the remaining floats of {@code buffer} (its position is not moved). */
  public TailIndexEstimate estimate(FloatBuffer buffer) {
    FloatBuffer b = buffer.duplicate();
    int base = b.position();
    Validation.requireCount(NAME, b.remaining(), needed());
    if (b.hasArray()) {
      float[] a = b.array();
      int off = b.arrayOffset() + base;
      return run(b.remaining(), (acc, from, to) -> acc.accept(a, off + (int) from,
          (int) (to - from)));
    }
    return run(b.remaining(), (acc, from, to) -> {
      float[] tmp = new float[(int) Math.min(to - from, 64L * acc.superblockLength())];
      for (long i = from; i < to; i += tmp.length) {
        int n = (int) Math.min(tmp.length, to - i);
        b.get(base + (int) i, tmp, 0, n);
        acc.accept(tmp, 0, n);
      }
    });
  }

  /** Estimates from a memory-mapped {@code .npy} array (flattened), without loading it whole. */
  public TailIndexEstimate estimate(MappedNpy npy) {
    Validation.requireCount(NAME, npy.size(), needed());
    return run(npy.size(), (acc, from, to) -> {
      float[] tmp = new float[(int) Math.min(to - from, 64L * acc.superblockLength())];
      for (long i = from; i < to; i += tmp.length) {
        int n = (int) Math.min(tmp.length, to - i);
        npy.copyFloats(i, tmp, 0, n);
        acc.accept(tmp, 0, n);
      }
    });
  }

  /**
   * The estimate from a filled accumulator: the median over its block sizes with a bootstrap
   * interval when it has several, the asymptotic interval when it has one.
   */
  public TailIndexEstimate estimate(BlockSumAccumulator acc) {
    Validation.requireCount(NAME, acc.count(), needed());
    if (acc.allEqual()) {
      throw new IllegalArgumentException(NAME + ": all " + acc.count()
          + " samples are equal; found 1 distinct value, needed at least 2");
    }
    int[] sizes = acc.blockSizes();
    return result(acc, sizes.length == 1 ? (selection == Selection.SIMSEKLI ? "simsekli"
        : "fixed") : "grid-median", 0);
  }

  private long needed() {
    if (selection == Selection.FIXED) {
      return Math.max(MIN_SAMPLES, 10L * grid[0]);
    }
    return Math.max(MIN_SAMPLES, selection == Selection.GRID_MEDIAN ? 20L * grid[0] : 0);
  }

  /** Feeds samples [from, to) of the source into an accumulator. */
  @FunctionalInterface
  private interface Source {
    void feed(BlockSumAccumulator acc, long from, long to);
  }

  private TailIndexEstimate run(long n, Source source) {
    int[] sizes;
    long used = n;
    String label;
    if (selection == Selection.SIMSEKLI) {
      int m = largestDivisorBelowSqrt(n);
      if (m < 2) {
        used = n - 1;
        m = largestDivisorBelowSqrt(used);
      }
      sizes = new int[] {m};
      label = "simsekli";
    } else if (selection == Selection.FIXED) {
      sizes = grid.clone();
      label = "fixed";
    } else {
      sizes = usableGrid(grid, n);
      label = "grid-median";
    }
    long lcm = lcm(sizes);
    long multiple = Math.max(1, Math.min((512 + lcm - 1) / lcm, used / (MIN_SUPERBLOCKS * lcm)));
    BlockSumAccumulator proto = BlockSumAccumulator.create(sizes, (int) multiple,
        sizes.length > 1);
    long length = proto.superblockLength();
    long superblocks = used / length;
    int parts = (int) Math.max(1, Math.min(parallelism, used >= PARALLEL_THRESHOLD
        ? superblocks : 1));
    BlockSumAccumulator acc;
    if (parts == 1) {
      acc = proto;
      source.feed(acc, 0, used);
    } else {
      List<RecursiveTask<BlockSumAccumulator>> tasks = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        long from = superblocks * p / parts * length;
        long to = superblocks * (p + 1) / parts * length;
        tasks.add(new RecursiveTask<>() {
          @Override
          protected BlockSumAccumulator compute() {
            BlockSumAccumulator a = proto.emptyCopy();
            source.feed(a, from, to);
            return a;
          }
        });
      }
      ForkJoinTask.invokeAll(tasks);
      acc = tasks.get(0).join();
      for (int p = 1; p < parts; p++) {
        acc.combine(tasks.get(p).join());
      }
      source.feed(acc, superblocks * length, used);
    }
    if (acc.allEqual()) {
      throw new IllegalArgumentException(NAME + ": all " + n
          + " samples are equal; found 1 distinct value, needed at least 2");
    }
    return result(acc, label, n - used);
  }

  private TailIndexEstimate result(BlockSumAccumulator acc, String label, long dropped) {
    int[] sizes = acc.blockSizes();
    int k = sizes.length;
    double[] alphas = new double[k];
    List<Integer> ms = new ArrayList<>();
    List<Double> as = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int g = 0; g < k; g++) {
      alphas[g] = acc.alpha(g);
      ms.add(sizes[g]);
      as.add(alphas[g]);
      counts.add(acc.blockCount(g));
      min = Math.min(min, alphas[g]);
      max = Math.max(max, alphas[g]);
    }
    long s = acc.superblockCount();
    double z = Stats.normalQuantile(0.5 + confidence / 2);
    double alpha;
    double lo = Double.NaN;
    double hi = Double.NaN;
    String kind;
    Map<String, Object> p = new LinkedHashMap<>();
    if (k == 1) {
      alpha = alphas[0];
      double logm = Math.log(sizes[0]);
      double h = acc.meanZ(0) / logm;
      double se = Math.sqrt(acc.superblockVariance(0) / s) / logm;
      if (s >= 2 && se > 0) {
        lo = 1 / (h + z * se);
        hi = h - z * se > 0 ? 1 / (h - z * se) : Double.POSITIVE_INFINITY;
        kind = "asymptotic";
      } else {
        kind = "none (fewer than 2 superblocks)";
      }
    } else {
      alpha = Stats.median(alphas);
      if (s >= 2) {
        double[] boot = bootstrap(acc, sizes, (int) s);
        Arrays.sort(boot);
        lo = Stats.quantileSorted(boot, (1 - confidence) / 2);
        hi = Stats.quantileSorted(boot, (1 + confidence) / 2);
        kind = "bootstrap";
        p.put("bootstrap_replicates", replicates);
        p.put("seed", seed);
      } else {
        kind = "none (fewer than 2 superblocks)";
      }
    }
    p.put("selection", label);
    p.put("block_sizes", List.copyOf(ms));
    p.put("alphas", List.copyOf(as));
    p.put("block_counts", List.copyOf(counts));
    p.put("alpha_min", min);
    p.put("alpha_max", max);
    p.put("superblock_length", acc.superblockLength());
    p.put("superblocks", s);
    if (k == 1) {
      p.put("m", sizes[0]);
    }
    p.put("dropped_samples", dropped);
    return new TailIndexEstimate(NAME, alpha, lo, hi, confidence, kind, acc.count(), p);
  }

  /** Replicates of the grid median, resampling superblocks with replacement. */
  private double[] bootstrap(BlockSumAccumulator acc, int[] sizes, int s) {
    int k = sizes.length;
    double[] rows = new double[s * k];
    for (int g = 0; g < k; g++) {
      double[] v = acc.superblockValues(g);
      for (int i = 0; i < s; i++) {
        rows[i * k + g] = v[i];
      }
    }
    double[] logm = new double[k];
    for (int g = 0; g < k; g++) {
      logm[g] = Math.log(sizes[g]);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] out = new double[replicates];
    double[] sum = new double[k];
    double[] a = new double[k];
    for (int b = 0; b < replicates; b++) {
      Arrays.fill(sum, 0);
      for (int i = 0; i < s; i++) {
        int r = rng.nextInt(s) * k;
        for (int g = 0; g < k; g++) {
          sum[g] += rows[r + g];
        }
      }
      for (int g = 0; g < k; g++) {
        a[g] = logm[g] * s / sum[g];
      }
      out[b] = Stats.median(a);
    }
    return out;
  }

  /** The ascending prefix of {@code grid} whose lcm L satisfies n ≥ 20·L (at least one entry). */
  static int[] usableGrid(int[] grid, long n) {
    int[] g = grid.clone();
    Arrays.sort(g);
    int keep = 0;
    long l = 1;
    for (int m : g) {
      long next = l / gcd(l, m) * m;
      if (n < MIN_SUPERBLOCKS * next) {
        break;
      }
      l = next;
      keep++;
    }
    return Arrays.copyOf(g, Math.max(1, keep));
  }

  /** The largest divisor of n not above √n (1 for a prime). */
  public static int largestDivisorBelowSqrt(long n) {
    long r = (long) Math.floor(Math.sqrt((double) n));
    while (r * r > n) {
      r--;
    }
    while ((r + 1) * (r + 1) <= n) {
      r++;
    }
    for (long d = r; d >= 1; d--) {
      if (n % d == 0) {
        return (int) d;
      }
    }
    return 1;
  }

  private static long lcm(int[] sizes) {
    long l = 1;
    for (int m : sizes) {
      l = l / gcd(l, m) * m;
    }
    return l;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public String toString() {
    return "BlockSumEstimator[" + selection + (selection == Selection.SIMSEKLI ? ""
        : " " + Arrays.toString(grid)) + ", confidence=" + confidence + "]";
  }

  /** Builder for {@link BlockSumEstimator}. */
  public static final class Builder {
    private Selection selection = Selection.GRID_MEDIAN;
    private int[] grid = BlockSumAccumulator.DEFAULT_GRID.clone();
    private double confidence = 0.95;
    private int replicates = 200;
    private long seed;
    private int parallelism = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /** One size: fixed m; several: median over them. Each must be ≥ 2, distinct. */
    public Builder optBlockSizes(int... sizes) {
      if (sizes.length == 0) {
        throw new IllegalArgumentException(NAME + ": block sizes must not be empty");
      }
      for (int m : sizes) {
        if (m < 2) {
          throw new IllegalArgumentException(NAME + ": block size m = " + m
              + "; expected m >= 2");
        }
      }
      int[] s = sizes.clone();
      Arrays.sort(s);
      for (int i = 1; i < s.length; i++) {
        if (s[i] == s[i - 1]) {
          throw new IllegalArgumentException(NAME + ": block size " + s[i] + " repeated in "
              + Arrays.toString(sizes));
        }
      }
      this.grid = s;
      this.selection = s.length == 1 ? Selection.FIXED : Selection.GRID_MEDIAN;
      return this;
    }

    /** Fixed block size m ≥ 2. */
    public Builder optBlockSize(int m) {
      return optBlockSizes(m);
    }

    /** Şimşekli's rule for m. */
    public Builder optSimsekli() {
      this.selection = Selection.SIMSEKLI;
      return this;
    }

    /** Nominal coverage of the interval, in (0, 1); default 0.95. */
    public Builder optConfidence(double c) {
      if (!(c > 0 && c < 1)) {
        throw new IllegalArgumentException(NAME + ": confidence " + c + "; expected 0 < c < 1");
      }
      this.confidence = c;
      return this;
    }

    /** Bootstrap replicates for the grid median's interval; default 200. */
    public Builder optBootstrapReplicates(int b) {
      if (b < 20) {
        throw new IllegalArgumentException(NAME + ": bootstrap replicates " + b
            + "; expected >= 20");
      }
      this.replicates = b;
      return this;
    }

    /** Seed of the bootstrap; default 0. */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /** Threads to use; default the available processors. */
    public Builder optParallelism(int p) {
      if (p < 1) {
        throw new IllegalArgumentException(NAME + ": parallelism " + p + "; expected >= 1");
      }
      this.parallelism = p;
      return this;
    }

    /** The estimator. */
    public BlockSumEstimator build() {
      return new BlockSumEstimator(this);
    }
  }
}
