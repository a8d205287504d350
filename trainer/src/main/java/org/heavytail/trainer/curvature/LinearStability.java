package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.SplittableRandom;

/**
 * Linear stability of SGD at an end point θ* (Wu, Ma and E 2018, "How SGD selects the global
 * minima"; Wu, Wang and Su 2022; SCIENCE.md §3): on the quadratic model the error e_k = θ_k − θ*
 * follows e_{k+1} = (I − η H_{B_k}) e_k with H_{B_k} the Hessian of the loss of minibatch B_k
 * (b examples drawn without replacement from the n given), and θ* is linearly stable when the
 * second moment E‖e_k‖² does not grow.
 *
 * <p>Estimate: R independent paths, each with its own minibatch sequence, carry q probe vectors
 * (Gaussian starts) for K steps; with S_k = Σ_j ‖e_k^{(j)}‖² on a path, the per-step growth of the
 * second moment is ρ = (mean over paths of S_K/S_0)^{1/K} (computed in log space), and
 * {@code contracts} is ρ &lt; 1. Also reported: the mean per-step log growth (1/K)·mean log(S_K/S_0),
 * a Lyapunov-exponent estimate. Each step costs one minibatch Hessian (a forward and a backward
 * pass) plus q products. With few paths the mean of S_K/S_0 can underestimate E when the
 * multiplicative noise is heavy-tailed: take more paths near the threshold.
 *
 * @param growthPerStep ρ
 * @param lyapunov mean per-step log growth
 * @param contracts ρ &lt; 1
 * @param steps K
 * @param paths R
 * @param probes q
 * @param batchSize b
 * @param learningRate η
 */
public record LinearStability(double growthPerStep, double lyapunov, boolean contracts, int steps,
    int paths, int probes, int batchSize, double learningRate) {

  /**
   * Runs the check.
   *
   * @param model the model at θ*
   * @param x the n examples minibatches are drawn from
   * @param y their labels
   * @param learningRate η &gt; 0
   * @param batchSize b, 1 ≤ b ≤ n (b = n is full-batch gradient descent)
   * @param steps K ≥ 1
   * @param paths R ≥ 1
   * @param probes q ≥ 1
   * @param seed seed of minibatches and starts
   */
  public static LinearStability check(CurvatureModel model, NDArray x, NDArray y,
      double learningRate, int batchSize, int steps, int paths, int probes, long seed) {
    int n = Math.toIntExact(x.getShape().get(0));
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate = " + learningRate + ": expected > 0");
    }
    if (batchSize < 1 || batchSize > n) {
      throw new IllegalArgumentException("batchSize = " + batchSize + ": expected 1.." + n);
    }
    if (steps < 1 || paths < 1 || probes < 1) {
      throw new IllegalArgumentException("steps, paths, probes = " + steps + ", " + paths + ", "
          + probes + ": expected ≥ 1 each");
    }
    int d = model.dimension();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] logRatio = new double[paths];
    for (int p = 0; p < paths; p++) {
      double[][] e = new double[probes][d];
      double s0 = 0;
      for (double[] v : e) {
        for (int i = 0; i < d; i++) {
          v[i] = gaussian(rng);
          s0 += v[i] * v[i];
        }
      }
      double logScale = 0;
      int[] perm = identity(n);
      for (int k = 0; k < steps; k++) {
        int[] batch = sample(perm, batchSize, rng);
        try (NDManager m = x.getManager().newSubManager()) {
          long[] lb = new long[batch.length];
          for (int i = 0; i < lb.length; i++) {
            lb[i] = batch[i];
          }
          NDArray idx = m.create(lb);
          NDArray xb = x.get(new NDIndex("{}", idx));
          NDArray yb = y.get(new NDIndex("{}", idx));
          xb.attach(m);
          yb.attach(m);
          double s = 0;
          try (HessianOperator h = HessianOperator.of(model, xb, yb)) {
            for (double[] v : e) {
              double[] hv = h.apply(v);
              for (int i = 0; i < d; i++) {
                v[i] -= learningRate * hv[i];
                s += v[i] * v[i];
              }
            }
          }
          // renormalize so that Σ‖e‖² = S_0, keeping the log of the factor
          double f = Math.sqrt(s / s0);
          if (!(f > 0) || Double.isInfinite(f)) {
            logScale = f > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            break;
          }
          logScale += Math.log(s / s0);
          for (double[] v : e) {
            Lanczos.scale(v, 1 / f);
          }
        }
      }
      logRatio[p] = logScale;
    }
    double max = Double.NEGATIVE_INFINITY;
    double meanLog = 0;
    for (double l : logRatio) {
      max = Math.max(max, l);
      meanLog += l / paths;
    }
    double sum = 0;
    for (double l : logRatio) {
      sum += Math.exp(l - max);
    }
    double logMean = max + Math.log(sum / paths);
    double rho = Math.exp(logMean / steps);
    return new LinearStability(rho, meanLog / steps, rho < 1, steps, paths, probes, batchSize,
        learningRate);
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** b distinct indices by a partial Fisher–Yates shuffle. */
  private static int[] sample(int[] perm, int b, SplittableRandom rng) {
    for (int i = 0; i < b; i++) {
      int j = i + rng.nextInt(perm.length - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return java.util.Arrays.copyOf(perm, b);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
