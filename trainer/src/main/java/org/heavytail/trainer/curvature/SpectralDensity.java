package org.heavytail.trainer.curvature;

import java.util.ArrayList;
import java.util.List;
import org.heavytail.tailstats.spectrum.SymmetricEigen;

/**
 * Spectral density of a symmetric operator by stochastic Lanczos quadrature (Golub and Meurant
 * 1994; Ghorbani, Krishnan and Xiao 2019, §2.2; PyHessian, Yao et al. 2020). For each of n_v
 * Rademacher probes v (normalized to unit length), m Lanczos steps give T_m = U diag(θ) Uᵀ; the
 * Gauss quadrature with nodes θ_k and weights τ_k = U_{1k}² satisfies Σ_k τ_k f(θ_k) = vᵀf(H)v
 * exactly for polynomials f of degree ≤ 2m − 1. Averaging over probes estimates
 * (1/d)Tr f(H), i.e. the density φ(t) = (1/d) Σ_i δ(t − λ_i); smoothed by a Gaussian of width σ:
 * φ_σ(t) = (1/n_v) Σ_l Σ_k τ_k^{(l)} N(t; θ_k^{(l)}, σ²).
 *
 * @param nodes per probe, the quadrature nodes θ_k (ascending)
 * @param weights per probe, the weights τ_k (each probe's sum to 1)
 */
public record SpectralDensity(List<double[]> nodes, List<double[]> weights) {

  /**
   * Runs SLQ.
   *
   * @param op the operator
   * @param steps Lanczos steps m per probe (clipped to d)
   * @param probes number of probes n_v ≥ 1
   * @param seed seed of probe l is seed + l
   */
  public static SpectralDensity estimate(SymmetricOperator op, int steps, int probes, long seed) {
    if (probes < 1) {
      throw new IllegalArgumentException("probes = " + probes + ": expected ≥ 1");
    }
    List<double[]> nodes = new ArrayList<>();
    List<double[]> weights = new ArrayList<>();
    for (int l = 0; l < probes; l++) {
      Lanczos.Result r = Lanczos.run(op, Lanczos.rademacherStart(op.dimension(), seed + l), steps,
          false);
      SymmetricEigen e = r.ritz();
      int m = r.steps();
      double[] w = new double[m];
      for (int k = 0; k < m; k++) {
        double u = e.vectors()[k][0];
        w[k] = u * u;
      }
      nodes.add(e.values().clone());
      weights.add(w);
    }
    return new SpectralDensity(List.copyOf(nodes), List.copyOf(weights));
  }

  /** The smoothed density φ_σ at each point of the grid. */
  public double[] density(double[] grid, double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma = " + sigma + ": expected > 0");
    }
    double[] out = new double[grid.length];
    double c = 1 / (Math.sqrt(2 * Math.PI) * sigma * nodes.size());
    for (int l = 0; l < nodes.size(); l++) {
      double[] th = nodes.get(l);
      double[] w = weights.get(l);
      for (int g = 0; g < grid.length; g++) {
        double s = 0;
        for (int k = 0; k < th.length; k++) {
          double z = (grid[g] - th[k]) / sigma;
          s += w[k] * Math.exp(-0.5 * z * z);
        }
        out[g] += c * s;
      }
    }
    return out;
  }

  /** The SLQ estimate of (1/d) Tr(H^p) = (1/n_v) Σ_l Σ_k τ_k θ_k^p. */
  public double moment(int p) {
    double s = 0;
    for (int l = 0; l < nodes.size(); l++) {
      double[] th = nodes.get(l);
      double[] w = weights.get(l);
      for (int k = 0; k < th.length; k++) {
        s += w[k] * Math.pow(th[k], p);
      }
    }
    return s / nodes.size();
  }

  /** The smallest and largest node over all probes. */
  public double[] range() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] th : nodes) {
      lo = Math.min(lo, th[0]);
      hi = Math.max(hi, th[th.length - 1]);
    }
    return new double[] {lo, hi};
  }
}
