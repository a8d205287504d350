package org.heavytail.tailstats.accumulate;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Mergeable state of the block-sum tail-index estimator (Mohammadi, Mohammadpour &amp; Ogata 2015)
 * over a fixed set of block sizes m, fed one piece of the stream at a time.
 *
 * <p>For block size m, the blocks are m consecutive samples counted from the start of the stream,
 * Y_j their sums, and Z_j = ln|Y_j| − (1/m) Σ_{i∈j} ln|X_i|; then 1/α̂_m = mean(Z_j) / ln m
 * (the estimator of SCIENCE.md §2 restricted to whole blocks). For the SαS law Y_j has the law of
 * m^{1/α} X, so E Z_j = (ln m)/α exactly, for every m.
 *
 * <p><b>Superblocks.</b> Samples are processed in superblocks of L = c · lcm(m) consecutive
 * samples ({@link #superblockLength()}), each holding L/m whole blocks of every m. A superblock's
 * statistics depend on its L samples only, so they are bit-identical however the stream was cut
 * into {@code accept} calls: a partial superblock is carried (copied) until completed. For each m
 * the accumulator keeps Σ ln|Y_j|, Σ ln|X_i| and the per-superblock means t_s = mean_{j∈s} Z_j
 * (Welford mean and M2, and optionally every t_s for a bootstrap over superblocks, which are
 * independent for i.i.d. data).
 *
 * <p><b>Combine contract.</b> {@code a.combine(b)} appends b's stream after a's. It is exact
 * (the state equals that of one accumulator fed a's stream then b's, up to re-association of
 * double sums, ≈ 1e-16 relative) when a's count is a multiple of L. Otherwise a's partial
 * superblock cannot be completed by b's head (b's blocks were cut from b's own start), so a's
 * partial superblock is closed: its whole blocks of each m enter the point estimate as a tail,
 * and blocks restart at b's start. Every block is still m consecutive samples, so the result is
 * a valid block-sum estimate, just not the one-shot one. The estimators split work at
 * superblock boundaries, so their parallel results are exact.
 *
 * <p>Zeros, NaN and infinities are refused ({@link IllegalArgumentException} naming the
 * estimator and the counts in the offending piece): ln|x| is undefined at 0, so remove exact
 * zeros first ({@code Preprocess.removeZeros}). A block sum that is exactly 0 is refused too.
 *
 * <p>Not thread-safe: use one accumulator per thread and combine.
 */
public final class BlockSumAccumulator {

  /** Gürbüzbalaban et al.'s grid {2, 5, 10, 20, 50, 100, 500, 1000}. */
  public static final int[] DEFAULT_GRID = {2, 5, 10, 20, 50, 100, 500, 1000};

  private static final String NAME = "block-sum";

  private final int[] grid;
  private final int length; // superblock length L
  private final int[] perSuper; // L / m
  private final int[] parent; // index of a smaller grid entry dividing m, or -1
  private final double[][] ys;
  private final boolean keep;

  private final float[] carry;
  private int carryLen;
  private long count;
  private long superblocks;
  private double sumSx;
  private final double[] sumSy;
  private final double[] mean;
  private final double[] m2;
  private final double[][] values;
  private final double[] tailSx;
  private final double[] tailSy;
  private final long[] tailBlocks;
  private float first;
  private boolean varied;

  private BlockSumAccumulator(int[] grid, int multiple, boolean keep) {
    int[] g = grid.clone();
    Arrays.sort(g);
    for (int i = 0; i < g.length; i++) {
      if (g[i] < 2 || (i > 0 && g[i] == g[i - 1])) {
        throw new IllegalArgumentException(NAME + ": block sizes " + Arrays.toString(grid)
            + " must be distinct integers >= 2");
      }
    }
    if (g.length == 0) {
      throw new IllegalArgumentException(NAME + ": at least one block size is needed");
    }
    long lcm = 1;
    for (int m : g) {
      lcm = lcm / gcd(lcm, m) * m;
      if (lcm > (1 << 20)) {
        throw new IllegalArgumentException(NAME + ": the least common multiple of block sizes "
            + Arrays.toString(grid) + " exceeds 2^20; use fewer or nested sizes");
      }
    }
    if (multiple < 1 || lcm * multiple > (1 << 22)) {
      throw new IllegalArgumentException(NAME + ": superblock multiple " + multiple
          + " must be >= 1 with lcm * multiple <= 2^22 (lcm = " + lcm + ")");
    }
    this.grid = g;
    this.length = (int) (lcm * multiple);
    this.keep = keep;
    int k = g.length;
    perSuper = new int[k];
    parent = new int[k];
    ys = new double[k][];
    for (int i = 0; i < k; i++) {
      perSuper[i] = length / g[i];
      ys[i] = new double[perSuper[i]];
      parent[i] = -1;
      for (int j = i - 1; j >= 0; j--) {
        if (g[i] % g[j] == 0) {
          parent[i] = j;
          break;
        }
      }
    }
    carry = new float[length];
    sumSy = new double[k];
    mean = new double[k];
    m2 = new double[k];
    values = new double[k][keep ? 16 : 0];
    tailSx = new double[k];
    tailSy = new double[k];
    tailBlocks = new long[k];
  }

  /** An empty accumulator over the default grid with superblocks of 1000 samples. */
  public static BlockSumAccumulator create() {
    return create(DEFAULT_GRID);
  }

  /**
   * An empty accumulator over the given block sizes, with superblocks of c · lcm(m) samples,
   * c = ⌈512 / lcm⌉, keeping every superblock's statistics.
   */
  public static BlockSumAccumulator create(int... blockSizes) {
    long lcm = 1;
    for (int m : blockSizes) {
      lcm = lcm / gcd(lcm, Math.max(m, 1)) * Math.max(m, 1);
    }
    return create(blockSizes, (int) Math.max(1, (512 + lcm - 1) / Math.max(lcm, 1)), true);
  }

  /**
   * An empty accumulator with superblocks of {@code multiple} · lcm(blockSizes) samples;
   * {@code keepSuperblocks} keeps each superblock's t_s (8 bytes per block size per superblock)
   * for a bootstrap interval.
   */
  public static BlockSumAccumulator create(int[] blockSizes, int multiple,
      boolean keepSuperblocks) {
    return new BlockSumAccumulator(blockSizes, multiple, keepSuperblocks);
  }

  /** An empty accumulator with this one's configuration. */
  public BlockSumAccumulator emptyCopy() {
    return new BlockSumAccumulator(grid, length / lcmOf(grid), keep);
  }

  /** Block sizes, ascending. */
  public int[] blockSizes() {
    return grid.clone();
  }

  /** Superblock length L. */
  public int superblockLength() {
    return length;
  }

  /** Samples accepted (including the carried partial superblock). */
  public long count() {
    return count;
  }

  /** Whole superblocks processed. */
  public long superblockCount() {
    return superblocks;
  }

  /** Feeds all of {@code x}. */
  public BlockSumAccumulator accept(float[] x) {
    return accept(x, 0, x.length);
  }

  /** Feeds {@code x[off, off + len)}. */
  public BlockSumAccumulator accept(float[] x, int off, int len) {
    if (off < 0 || len < 0 || off + len > x.length) {
      throw new IndexOutOfBoundsException("range [" + off + ", " + (off + len) + ") of "
          + x.length);
    }
    if (len == 0) {
      return this;
    }
    if (count == 0) {
      first = x[off];
    }
    if (!varied) {
      for (int i = off; i < off + len; i++) {
        if (x[i] != first) {
          varied = true;
          break;
        }
      }
    }
    count += len;
    int i = off;
    final int end = off + len;
    if (carryLen > 0) {
      int n = Math.min(length - carryLen, len);
      System.arraycopy(x, i, carry, carryLen, n);
      carryLen += n;
      i += n;
      if (carryLen == length) {
        superblock(carry, 0);
        carryLen = 0;
      }
    }
    for (; i + length <= end; i += length) {
      superblock(x, i);
    }
    if (i < end) {
      System.arraycopy(x, i, carry, 0, end - i);
      carryLen = end - i;
    }
    return this;
  }

  /** Feeds the remaining floats of {@code b} (its position moves to its limit). */
  public BlockSumAccumulator accept(FloatBuffer b) {
    if (b.hasArray()) {
      accept(b.array(), b.arrayOffset() + b.position(), b.remaining());
      b.position(b.limit());
      return this;
    }
    float[] tmp = new float[Math.min(b.remaining(), 64 * length)];
    while (b.hasRemaining()) {
      int n = Math.min(tmp.length, b.remaining());
      b.get(tmp, 0, n);
      accept(tmp, 0, n);
    }
    return this;
  }

  /**
   * Appends {@code other}'s stream after this one's (see the class javadoc for when this is
   * exact) and returns this accumulator. {@code other} must have the same block sizes and
   * superblock length; it is not modified.
   */
  public BlockSumAccumulator combine(BlockSumAccumulator other) {
    if (!Arrays.equals(grid, other.grid) || length != other.length) {
      throw new IllegalArgumentException(NAME + ": cannot combine block sizes "
          + Arrays.toString(other.grid) + " (L = " + other.length + ") into "
          + Arrays.toString(grid) + " (L = " + length + ")");
    }
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      first = other.first;
      varied = other.varied;
    } else {
      varied = varied || other.varied || other.first != first;
    }
    if (carryLen > 0) {
      partial(carry, 0, carryLen, tailSx, tailSy, tailBlocks);
      carryLen = 0;
    }
    for (int g = 0; g < grid.length; g++) {
      // Chan et al.'s pairwise update of mean and M2
      long na = superblocks;
      long nb = other.superblocks;
      if (nb > 0) {
        double delta = other.mean[g] - mean[g];
        long nn = na + nb;
        mean[g] += delta * nb / nn;
        m2[g] += other.m2[g] + delta * delta * ((double) na * nb / nn);
      }
      sumSy[g] += other.sumSy[g];
      tailSx[g] += other.tailSx[g];
      tailSy[g] += other.tailSy[g];
      tailBlocks[g] += other.tailBlocks[g];
      if (keep) {
        values[g] = ensure(values[g], superblocks + nb);
        System.arraycopy(other.values[g], 0, values[g], (int) superblocks, (int) nb);
      }
    }
    sumSx += other.sumSx;
    superblocks += other.superblocks;
    count += other.count;
    System.arraycopy(other.carry, 0, carry, 0, other.carryLen);
    carryLen = other.carryLen;
    return this;
  }

  /** Whether all samples seen so far are equal (true for an empty accumulator). */
  public boolean allEqual() {
    return !varied;
  }

  /** Number of whole blocks of size {@code blockSizes()[g]} in the stream so far. */
  public long blockCount(int g) {
    return superblocks * perSuper[g] + tailBlocks[g] + carryLen / grid[g];
  }

  /** Σ_j Z_j over all whole blocks of size {@code blockSizes()[g]}. */
  public double sumZ(int g) {
    double[] sx = new double[grid.length];
    double[] sy = new double[grid.length];
    long[] kb = new long[grid.length];
    if (carryLen > 0) {
      partial(carry, 0, carryLen, sx, sy, kb);
    }
    int m = grid[g];
    return (sumSy[g] + tailSy[g] + sy[g]) - (sumSx + tailSx[g] + sx[g]) / m;
  }

  /** mean(Z_j) = Σ Z_j / blockCount for block size index g; equals ln(m)/α̂_m. */
  public double meanZ(int g) {
    return sumZ(g) / blockCount(g);
  }

  /** α̂_m = ln m / mean(Z_j) for block size index g (NaN when there is no whole block). */
  public double alpha(int g) {
    return Math.log(grid[g]) / meanZ(g);
  }

  /** Mean of the per-superblock t_s for block size index g (whole superblocks only). */
  public double superblockMean(int g) {
    return mean[g];
  }

  /** Sample variance of the per-superblock t_s for block size index g (NaN below 2). */
  public double superblockVariance(int g) {
    return superblocks < 2 ? Double.NaN : m2[g] / (superblocks - 1);
  }

  /** Every whole superblock's t_s for block size index g, in stream order (empty if not kept). */
  public double[] superblockValues(int g) {
    return keep ? Arrays.copyOf(values[g], (int) superblocks) : new double[0];
  }

  private void superblock(float[] x, int off) {
    double sx = LogAbsSum.of(x, off, length);
    if (Double.isNaN(sx)) {
      throw invalid(x, off, length);
    }
    superblocks++;
    sumSx += sx;
    for (int g = 0; g < grid.length; g++) {
      int k = perSuper[g];
      sums(x, off, g, k);
      double sy = LogAbsSum.of(ys[g], 0, k);
      if (Double.isNaN(sy)) {
        throw zeroBlock(g, k);
      }
      sumSy[g] += sy;
      double t = (sy - sx / grid[g]) / k;
      double delta = t - mean[g];
      mean[g] += delta / superblocks;
      m2[g] += delta * (t - mean[g]);
      if (keep) {
        values[g] = ensure(values[g], superblocks);
        values[g][(int) superblocks - 1] = t;
      }
    }
  }

  /** Adds the whole blocks of a range shorter than L to sx/sy/kb. */
  private void partial(float[] x, int off, int len, double[] sx, double[] sy, long[] kb) {
    for (int g = 0; g < grid.length; g++) {
      int k = len / grid[g];
      if (k == 0) {
        continue;
      }
      double lx = LogAbsSum.of(x, off, k * grid[g]);
      if (Double.isNaN(lx)) {
        throw invalid(x, off, k * grid[g]);
      }
      sums(x, off, g, k);
      double ly = LogAbsSum.of(ys[g], 0, k);
      if (Double.isNaN(ly)) {
        throw zeroBlock(g, k);
      }
      sx[g] += lx;
      sy[g] += ly;
      kb[g] += k;
    }
  }

  /** Fills ys[g][0..k) with the first k block sums of size grid[g] starting at x[off]. */
  private void sums(float[] x, int off, int g, int k) {
    int m = grid[g];
    double[] y = ys[g];
    int p = parent[g];
    if (p >= 0) {
      double[] z = ys[p];
      int r = m / grid[p];
      for (int j = 0, q = 0; j < k; j++) {
        double s = 0;
        for (int u = 0; u < r; u++, q++) {
          s += z[q];
        }
        y[j] = s;
      }
      return;
    }
    if (m < 16) {
      for (int j = 0, q = off; j < k; j++) {
        double s = 0;
        for (int u = 0; u < m; u++, q++) {
          s += x[q];
        }
        y[j] = s;
      }
      return;
    }
    for (int j = 0; j < k; j++) {
      int o = off + j * m;
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      int u = 0;
      for (; u + 8 <= m; u += 8) {
        s0 += x[o + u];
        s1 += x[o + u + 1];
        s2 += x[o + u + 2];
        s3 += x[o + u + 3];
        s4 += x[o + u + 4];
        s5 += x[o + u + 5];
        s6 += x[o + u + 6];
        s7 += x[o + u + 7];
      }
      for (; u < m; u++) {
        s0 += x[o + u];
      }
      y[j] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
  }

  private IllegalArgumentException invalid(float[] x, int off, int len) {
    long zeros = 0;
    long nonFinite = 0;
    for (int i = off; i < off + len; i++) {
      if (x[i] == 0f) {
        zeros++;
      } else if (!Float.isFinite(x[i])) {
        nonFinite++;
      }
    }
    if (nonFinite > 0) {
      return new IllegalArgumentException(NAME + ": found " + nonFinite
          + " NaN/Inf values among " + len + " samples; needed 0 (all values finite)");
    }
    return new IllegalArgumentException(NAME + ": found " + zeros + " exact zeros among " + len
        + " samples; needed 0, since ln|x| is undefined at 0 (remove them with"
        + " Preprocess.removeZeros, which counts what it removed)");
  }

  private IllegalArgumentException zeroBlock(int g, int k) {
    int zeros = 0;
    for (int j = 0; j < k; j++) {
      if (ys[g][j] == 0) {
        zeros++;
      }
    }
    return new IllegalArgumentException(NAME + ": found " + zeros + " block sums exactly 0 for m = "
        + grid[g] + "; needed 0, since ln|Y| is undefined at 0 (discrete or symmetric-paired data?)");
  }

  private static double[] ensure(double[] a, long need) {
    if (need <= a.length) {
      return a;
    }
    return Arrays.copyOf(a, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, 2L * a.length)));
  }

  private static int lcmOf(int[] g) {
    long l = 1;
    for (int m : g) {
      l = l / gcd(l, m) * m;
    }
    return (int) l;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
