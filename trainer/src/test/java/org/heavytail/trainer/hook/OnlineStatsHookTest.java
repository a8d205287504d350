package org.heavytail.trainer.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.heavytail.trainer.loop.FixedStepContext;
import org.heavytail.trainer.loop.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The statistics of {@link OnlineStatsHook} on one layer long enough to cross its float partial
 * sums' 4096-value flushes and leave a remainder past its unrolled loop (n = 10,007), against
 * the same quantities computed in double here. Tolerance 1e-5 relative: each float partial sum
 * adds at most 1,024 terms (four chains of 4096/4), whose rounding error is ≈ √1024·6e-8.
 */
class OnlineStatsHookTest {
  private static final int N = 10_007;
  private static final double BETA = 0.9;

  @TempDir Path tmp;

  @Test
  void normsCosineAndRunningNoiseMatchDoubleReferences() throws IOException {
    SplittableRandom rnd = new SplittableRandom(11);
    int steps = 4;
    float[][] g = new float[steps][N];
    float[][] w = new float[steps][N];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < N; i++) {
        g[s][i] = (float) (rnd.nextGaussian() * 0.01 + 0.002 * (i % 7));
        w[s][i] = (float) (rnd.nextGaussian() + 0.1 * s);
      }
    }
    // a "tracker" that reports Σ u² of the running noise u = g_k − m_{k−1} it is handed
    TailIndexTracker sumOfSquares = new SummingTracker("sumsq", v -> v * v);
    OnlineStatsHook hook = OnlineStatsHook.builder().optBeta(BETA).addTracker(sumOfSquares)
        .optTrackerEvery(2).build();
    try (NDManager m = NDManager.newBaseManager()) {
      hook.onTrainingBegin(new RunInfo(tmp, 0, steps, 100));
      for (int s = 0; s < steps; s++) {
        hook.onStep(new FixedStepContext(s, Map.of("v", m.create(g[s], new Shape(N))),
            Map.of("v", m.create(w[s], new Shape(N)))));
      }
      hook.onTrainingEnd(new RunInfo(tmp, 0, steps, 100));
    }
    Table t = Table.read().csv(tmp.resolve(OnlineStatsHook.FILE).toString());
    double[] mean = toDouble(g[0]);
    for (int s = 0; s < steps; s++) {
      Row row = t.where(t.intColumn("step").isEqualTo(s).and(t.stringColumn("layer")
          .isEqualTo("v"))).row(0);
      double gg = dot(g[s], g[s]);
      assertEquals(Math.sqrt(gg), row.getDouble("grad_norm"), 1e-5 * Math.sqrt(gg));
      double ww = dot(w[s], w[s]);
      assertEquals(Math.sqrt(ww), row.getDouble("weight_norm"), 1e-5 * Math.sqrt(ww));
      if (s == 0) {
        assertTrue(Double.isNaN(row.getDouble("grad_cos")), "no previous gradient at step 0");
        continue;
      }
      double uu = 0;
      for (int i = 0; i < N; i++) {
        double d = (double) w[s][i] - w[s - 1][i];
        uu += d * d;
      }
      assertEquals(Math.sqrt(uu), row.getDouble("update_norm"), 1e-5 * Math.sqrt(uu));
      double gp = dot(g[s], g[s - 1]);
      double pp = dot(g[s - 1], g[s - 1]);
      assertEquals(gp / Math.sqrt(gg * pp), row.getDouble("grad_cos"), 1e-5);
      double dd = 0;
      for (int i = 0; i < N; i++) {
        double d = g[s][i] - mean[i];
        dd += d * d;
        mean[i] = BETA * mean[i] + (1 - BETA) * g[s][i];
      }
      assertEquals(Math.sqrt(dd), row.getDouble("noise_norm"), 1e-5 * Math.sqrt(dd));
      assertEquals((1 + BETA) / 2 * dd / N, row.getDouble("noise_var"), 2e-5 * dd / N);
      if (s % 2 == 0) {
        assertEquals(dd, row.getDouble("alpha_sumsq"), 1e-5 * dd, "tracker got g - m");
      } else {
        assertTrue(Double.isNaN(row.getDouble("alpha_sumsq")), "tracker runs every 2 steps");
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
