package org.heavytail.trainer.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a {@link SweepGrid} into an output directory: every point in {@code DIR/points/<id>}
 * ({@code point.json}, {@code run/}, {@code status.json}, {@code error.txt} when it failed), then
 * {@code DIR/sweep.csv} and one figure per swept axis ({@link SweepTable}).
 *
 * <p>Resumable: a point with a final status is skipped (a failed one is rerun when {@link
 * Builder#optRetryFailed} is set); a point without one (interrupted) is rerun from scratch.
 *
 * <p>Parallelism: with {@code parallel = 1} points run one after another in this JVM. With
 * {@code parallel = N > 1}, N worker JVMs on this JVM's class path run at once, each with {@code
 * ai.djl.pytorch.num_threads = max(1, cores / N)} and the points dealt to it round-robin (one JVM
 * start per worker, not per point; logs in {@code DIR/workers/}). Threads of one JVM cannot train at once: DJL's
 * PyTorch engine allows one gradient collector per process ("A PtGradientCollector is already
 * collecting"), so parallel points need separate processes.
 */
public final class Sweep {
  private static final Logger LOG = LogManager.getLogger(Sweep.class);

  /**
   * What a sweep did.
   *
   * @param results every point's final status, in grid order
   * @param ran points run by this invocation
   * @param skipped points skipped because they already had a final status
   * @param csv the merged table
   * @param figures the figures written (one per swept axis with two or more values)
   * @param seconds wall time of this invocation
   */
  public record Outcome(List<PointResult> results, int ran, int skipped, Path csv,
      List<Path> figures, double seconds) {
    /** Points whose final status is failed. */
    public long failed() {
      return results.stream().filter(r -> r.status() == PointResult.Status.FAILED).count();
    }
  }

  /**
   * A point to run: its prepared directory ({@code point.json} written), the point and the
   * attempt number to record.
   *
   * @param dir the point directory
   * @param point the point
   * @param attempt 1 for a first run, n + 1 for a retry after n attempts
   */
  public record Pending(Path dir, SweepPoint point, int attempt) {}

  /**
   * Runs prepared points somewhere else (e.g. on a cluster); each must end with a {@code
   * status.json} in its directory (see {@link PointRunner#run}).
   */
  @FunctionalInterface
  public interface PointExecutor {
    /** Runs every pending point; returns when all have a final status. */
    void runAll(List<Pending> pending) throws IOException, InterruptedException;
  }

  private final SweepGrid grid;
  private final Path out;
  private final int parallel;
  private final boolean retryFailed;
  private final Path dataDir;
  private final String childHeap;

  private Sweep(Builder b) {
    this.grid = b.grid;
    this.out = b.out;
    this.parallel = b.parallel;
    this.retryFailed = b.retryFailed;
    this.dataDir = b.dataDir;
    this.childHeap = b.childHeap;
    this.executor = b.executor;
  }

  private final PointExecutor executor;

  /** A builder; grid and output directory are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the sweep (see the class comment). */
  public Outcome run() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<SweepPoint> points = grid.points();
    Path pointsDir = out.resolve("points");
    Files.createDirectories(pointsDir);
    PointResult[] results = new PointResult[points.size()];
    List<Integer> todo = new ArrayList<>();
    int[] attempts = new int[points.size()];
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      Path dir = pointsDir.resolve(p.id());
      PointResult prev = PointResult.read(dir);
      if (prev != null && (prev.status() == PointResult.Status.DONE || !retryFailed)) {
        results[i] = prev;
        continue;
      }
      attempts[i] = prev == null ? 1 : prev.attempts() + 1;
      Files.deleteIfExists(dir.resolve(PointResult.FILE));
      PointRunner.prepare(dir, p, grid.config(p, null, dataDir), grid.noise());
      todo.add(i);
    }
    LOG.info("sweep {}: {} points, {} to run", grid.source(), points.size(), todo.size());
    if (executor != null) {
      List<Pending> pending = new ArrayList<>();
      for (int i : todo) {
        pending.add(new Pending(pointsDir.resolve(points.get(i).id()), points.get(i), attempts[i]));
      }
      executor.runAll(pending);
      for (int i : todo) {
        Path dir = pointsDir.resolve(points.get(i).id());
        PointResult r = PointResult.read(dir);
        if (r == null) {
          r = PointResult.failed(points.get(i), attempts[i], "the executor recorded no status");
          r.write(dir);
        }
        results[i] = r;
      }
    } else if (parallel == 1) {
      for (int i : todo) {
        results[i] = PointRunner.run(pointsDir.resolve(points.get(i).id()), attempts[i]);
      }
    } else {
      ExecutorService ex = Executors.newFixedThreadPool(parallel);
      try {
        // N worker JVMs, points dealt round-robin: one JVM start and libtorch load per worker
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
        List<Future<List<PointResult>>> fs = new ArrayList<>();
        List<List<Integer>> shares = new ArrayList<>();
        for (int w = 0; w < Math.min(parallel, todo.size()); w++) {
          List<Integer> share = new ArrayList<>();
          for (int k = w; k < todo.size(); k += parallel) {
            share.add(todo.get(k));
          }
          shares.add(share);
          List<Pending> work = new ArrayList<>();
          for (int i : share) {
            work.add(new Pending(pointsDir.resolve(points.get(i).id()), points.get(i), attempts[i]));
          }
          Path log = out.resolve("workers").resolve("worker-" + w + ".log");
          fs.add(ex.submit(() -> PointRunner.runInChildJvm(work, threads, childHeap, log)));
        }
        for (int w = 0; w < fs.size(); w++) {
          List<Integer> share = shares.get(w);
          try {
            List<PointResult> rs = fs.get(w).get();
            for (int k = 0; k < share.size(); k++) {
              results[share.get(k)] = rs.get(k);
            }
          } catch (java.util.concurrent.ExecutionException e) {
            for (int i : share) {
              PointResult r = PointResult.failed(points.get(i), attempts[i], String.valueOf(e.getCause()));
              r.write(pointsDir.resolve(points.get(i).id()));
              results[i] = r;
            }
          }
        }
      } finally {
        ex.shutdownNow();
      }
    }
    List<PointResult> all = List.of(results);
    Path csv = SweepTable.writeCsv(out.resolve("sweep.csv"), grid, all);
    List<Path> figs = SweepTable.writeFigures(out, grid, all);
    return new Outcome(all, todo.size(), points.size() - todo.size(), csv, figs,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Builder of {@link Sweep}. */
  public static final class Builder {
    private SweepGrid grid;
    private Path out;
    private int parallel = 1;
    private boolean retryFailed;
    private Path dataDir;
    private String childHeap = "2g";
    private PointExecutor executor;

    private Builder() {}

    /** Runs the pending points with this executor instead of this JVM or child JVMs. */
    public Builder optExecutor(PointExecutor executor) {
      this.executor = executor;
      return this;
    }

    /** The grid to run. */
    public Builder setGrid(SweepGrid grid) {
      this.grid = grid;
      return this;
    }

    /** The output directory. */
    public Builder setOut(Path out) {
      this.out = out;
      return this;
    }

    /** Points run at once (default 1: sequentially in this JVM). */
    public Builder optParallel(int n) {
      this.parallel = n;
      return this;
    }

    /** Rerun points whose final status is failed. */
    public Builder optRetryFailed(boolean retry) {
      this.retryFailed = retry;
      return this;
    }

    /** Data directory passed to every point (null: the default search path). */
    public Builder optDataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Heap of each child JVM, as for {@code -Xmx} (default 2g). */
    public Builder optChildHeap(String heap) {
      this.childHeap = heap;
      return this;
    }

    /**
     * Builds.
     *
     * @throws IllegalArgumentException when the grid or output is missing or parallel < 1
     */
    public Sweep build() {
      if (grid == null || out == null) {
        throw new IllegalArgumentException("sweep: a grid and an output directory are required");
      }
      if (parallel < 1) {
        throw new IllegalArgumentException("--parallel " + parallel + ": expected >= 1");
      }
      if (!childHeap.matches("[0-9]+[kKmMgG]?")) {
        throw new IllegalArgumentException("child heap '" + childHeap + "': expected e.g. 2g or 512m");
      }
      return new Sweep(this);
    }
  }
}
