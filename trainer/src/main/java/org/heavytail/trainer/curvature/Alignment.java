package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The alignment of SGD noise with curvature (Wu, Wang and Su, NeurIPS 2022, "The alignment property
 * of SGD noise and how it helps select flat minima"; SCIENCE.md §3), on n examples:
 *
 * <ul>
 *   <li>per-sample noise u_i = ∇ℓ_i − g with g = (1/n) Σ_i ∇ℓ_i ({@link PerSampleGradients});
 *   <li>Tr(ΣH) = (1/n) Σ_i u_iᵀ H u_i, with Σ = (1/n) Σ_i u_i u_iᵀ and H the Hessian of L on the
 *       same n examples: exactly by n Hessian-vector products on one retained graph, or
 *       (noiseProbes &gt; 0) by mixing, w = n^{-1/2} Σ_i r_i u_i with Rademacher r, for which
 *       E[wwᵀ] = Σ and so E[wᵀHw] = Tr(ΣH), with its standard error;
 *   <li>‖H‖_F² by Hutchinson ({@link TraceEstimate}) or exactly for small d;
 *   <li>μ = Tr(ΣH) / (2 L ‖H‖_F²) and the dimensionless sharpness η‖H‖_F/√B.
 * </ul>
 *
 * <h2>Closed form for a linear model with Gaussian data</h2>
 *
 * Square loss ℓ = ½(xᵀθ − y)², x ~ N(0, S), y = xᵀθ* + σε with ε ~ N(0, 1) independent, error
 * e = θ − θ*, residual r = xᵀe − σε. Then ∇ℓ = r x and H = E[xxᵀ] = S, g = E[r x] = S e. By
 * Isserlis' theorem E[(xᵀe)² xxᵀ] = (eᵀSe) S + 2 S e eᵀ S, so E[r² xxᵀ] = (eᵀSe + σ²) S + 2 S e eᵀ
 * S and Σ = E[r² xxᵀ] − ggᵀ = (eᵀSe + σ²) S + S e eᵀ S. With 2L = E r² = eᵀSe + σ²:
 *
 * <pre>
 *   Tr(ΣH) = 2L·Tr(S²) + eᵀS³e,   ‖H‖_F² = Tr(S²),
 *   μ = 1 + eᵀS³e / ((eᵀSe + σ²) Tr(S²)).
 * </pre>
 *
 * So μ ≥ 1, and μ → 1 when label noise dominates or d grows: the noise covariance is the loss
 * times the Hessian plus a rank-one term. On n samples the empirical quantities converge at rate
 * n^{-1/2}; {@code AlignmentTest} checks both the population value and the exact empirical one.
 *
 * @param examples n
 * @param loss L
 * @param traceSigmaH Tr(ΣH)
 * @param traceSigmaHStdError its standard error (0 when exact)
 * @param frobeniusSquared ‖H‖_F²
 * @param frobeniusSquaredStdError its standard error (0 when exact)
 * @param mu Tr(ΣH) / (2 L ‖H‖_F²)
 * @param learningRate η (NaN when not given)
 * @param batchSize B (0 when not given)
 * @param sharpness η‖H‖_F/√B (NaN when η or B is not given)
 */
public record Alignment(int examples, double loss, double traceSigmaH, double traceSigmaHStdError,
    double frobeniusSquared, double frobeniusSquaredStdError, double mu, double learningRate,
    int batchSize, double sharpness) {

  /**
   * Options.
   *
   * @param noiseProbes 0 for the exact Tr(ΣH) (n products), else the number of mixed probes
   * @param hessianProbes 0 for the exact ‖H‖_F² (d products), else the Hutchinson probes
   * @param learningRate η for the sharpness (NaN to skip)
   * @param batchSize B for the sharpness (0 to skip)
   * @param seed seed of the probes
   */
  public record Options(int noiseProbes, int hessianProbes, double learningRate, int batchSize,
      long seed) {

    /** Validates. */
    public Options {
      if (noiseProbes < 0 || noiseProbes == 1) {
        throw new IllegalArgumentException("noiseProbes = " + noiseProbes
            + ": expected 0 (exact) or at least 2");
      }
      if (hessianProbes < 0 || hessianProbes == 1) {
        throw new IllegalArgumentException("hessianProbes = " + hessianProbes
            + ": expected 0 (exact) or at least 2");
      }
      if (batchSize < 0) {
        throw new IllegalArgumentException("batchSize = " + batchSize + ": expected ≥ 0");
      }
    }
  }

  /**
   * Measures the alignment on the n examples (x, y). Per-sample gradients are formed in chunks
   * of at most 2^25 / d examples, so memory stays near 128 MB of gradients at a time.
   */
  public static Alignment measure(CurvatureModel model, NDArray x, NDArray y, Options opt) {
    try (NDManager m = x.getManager().newSubManager();
        HessianOperator h = HessianOperator.of(model, x, y)) {
      int n = h.examples();
      int d = h.dimension();
      List<NDArray> params = h.parameters();
      NDArray g = flatGradient(h, m);
      int chunk = Math.max(1, Math.min(n, (1 << 25) / Math.max(1, d)));
      int probes = opt.noiseProbes();
      double[][] r = null;
      NDArray mixed = null;
      if (probes > 0) {
        SplittableRandom rng = new SplittableRandom(opt.seed() ^ 0x5DEECE66DL);
        r = new double[probes][n];
        for (double[] row : r) {
          for (int i = 0; i < n; i++) {
            row[i] = rng.nextBoolean() ? 1 : -1;
          }
        }
        mixed = m.zeros(new ai.djl.ndarray.types.Shape(probes, d), g.getDataType());
      }
      double exactSum = 0;
      for (int start = 0; start < n; start += chunk) {
        int end = Math.min(n, start + chunk);
        try (NDManager c = m.newSubManager()) {
          NDArray xs = x.get(new ai.djl.ndarray.index.NDIndex("{}:{}", start, end));
          NDArray ys = y.get(new ai.djl.ndarray.index.NDIndex("{}:{}", start, end));
          xs.attach(c);
          ys.attach(c);
          NDArray grads = PerSampleGradients.compute(model, xs, ys).flattened();
          grads.attach(c);
          NDArray u = grads.sub(g.reshape(1, d));
          if (probes == 0) {
            for (int i = 0; i < end - start; i++) {
              try (NDManager step = c.newSubManager()) {
                NDArray ui = u.get(i);
                ui.attach(step);
                exactSum += quadratic(h, ui, params, step);
              }
            }
          } else {
            double[] block = new double[probes * (end - start)];
            for (int k = 0; k < probes; k++) {
              System.arraycopy(r[k], start, block, k * (end - start), end - start);
            }
            NDArray rv = c.create(block, new ai.djl.ndarray.types.Shape(probes, end - start))
                .toType(u.getDataType(), false);
            mixed.addi(rv.matMul(u));
          }
        }
      }
      double tr;
      double trSe;
      if (probes == 0) {
        tr = exactSum / n;
        trSe = 0;
      } else {
        double[] q = new double[probes];
        for (int k = 0; k < probes; k++) {
          try (NDManager step = m.newSubManager()) {
            NDArray w = mixed.get(k).div(Math.sqrt(n));
            w.attach(step);
            q[k] = quadratic(h, w, params, step);
          }
        }
        tr = TraceEstimate.mean(q);
        trSe = TraceEstimate.stdError(q);
      }
      TraceEstimate f = opt.hessianProbes() == 0 ? TraceEstimate.exact(h)
          : TraceEstimate.hutchinson(h, opt.hessianProbes(), opt.seed());
      double loss = h.loss();
      double mu = tr / (2 * loss * f.frobeniusSquared());
      double sharp = Double.isNaN(opt.learningRate()) || opt.batchSize() == 0 ? Double.NaN
          : opt.learningRate() * f.frobenius() / Math.sqrt(opt.batchSize());
      return new Alignment(n, loss, tr, trSe, f.frobeniusSquared(),
          f.frobeniusSquaredStdError(), mu, opt.learningRate(), opt.batchSize(), sharp);
    }
  }

  private static NDArray flatGradient(HessianOperator h, NDManager m) {
    double[] g = h.gradient();
    NDArray p0 = h.parameters().get(0);
    return m.create(g).toType(p0.getDataType(), false);
  }

  /** wᵀHw for a flat d-vector w given as an NDArray. */
  private static double quadratic(HessianOperator h, NDArray w, List<NDArray> params,
      NDManager step) {
    NDList parts = new NDList(params.size());
    long off = 0;
    for (NDArray p : params) {
      long size = p.size();
      parts.add(w.get(new ai.djl.ndarray.index.NDIndex("{}:{}", off, off + size))
          .reshape(p.getShape()));
      off += size;
    }
    NDList hw = h.apply(parts);
    hw.attach(step);
    double s = 0;
    for (int j = 0; j < parts.size(); j++) {
      s += parts.get(j).mul(hw.get(j)).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
          .getDouble();
    }
    return s;
  }
}
