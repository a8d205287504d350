package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Hessian H = ∇²_θ L(θ) of the mean loss L = (1/n) Σ_i ℓ_i on fixed data, applied to vectors
 * by exact double backward (Pearlmutter 1994): the gradient g(θ) is computed once with its graph
 * kept ({@code create_graph}), and each product is Hv = ∇_θ (g(θ)·v), one more backward pass
 * through the retained graph ({@link TorchAutograd}).
 *
 * <p>{@link #of} costs two forward and two backward passes and two products (it checks itself
 * against a second build, see there); every {@link #apply} then costs one
 * backward pass of the gradient graph (about the cost of a forward plus backward). {@link
 * #hvp(CurvatureModel, NDArray, NDArray, NDList)} does the whole thing for one vector. Close the
 * operator to free the retained graph.
 */
public final class HessianOperator implements SymmetricOperator, AutoCloseable {

  private final NDManager manager;
  private final List<NDArray> parameters;
  private final NDList gradient;
  private final double loss;
  private final int dimension;
  private final int examples;

  private HessianOperator(NDManager manager, List<NDArray> parameters, NDList gradient,
      double loss, int examples) {
    this.manager = manager;
    this.parameters = parameters;
    this.gradient = gradient;
    this.loss = loss;
    this.examples = examples;
    long d = 0;
    for (NDArray p : parameters) {
      d += p.size();
    }
    this.dimension = Math.toIntExact(d);
  }

  /**
   * Builds the gradient graph of L on the n examples (x, y): one forward and one backward pass
   * with {@code create_graph}. The arrays it makes (and a copy of x and y) live in a
   * sub-manager of x's manager; x and y are left where they are.
   *
   * <p>Checked build: the graph is built a second time and both apply H to the same fixed
   * Rademacher vector; the products must agree to {@value #AGREEMENT} relative (the same
   * arithmetic twice, so they agree to rounding). Why: the first call of the autograd module in a
   * JVM has returned the gradient times an arbitrary factor (λ_1 = 5e-10 where a rerun gave
   * 11.46, MNIST MLP, {@code reproduce alignment --quick}, 2026-11-26; in 2 of 4 runs before
   * {@code TorchAutograd} began to absorb it with checked first calls of its own), cause below
   * DJL's IValue call unknown. On disagreement a third build decides (kept: the one two builds
   * agree with; a WARN names it); with no two agreeing, an {@link IllegalStateException} instead
   * of a silently wrong curvature. Cost: one more forward/backward and two products.
   *
   * @param model block, loss and the parameters θ
   * @param x inputs, first axis n
   * @param y labels, first axis n
   * @throws IllegalStateException when three builds of the same graph give three different
   *     products
   */
  public static HessianOperator of(CurvatureModel model, NDArray x, NDArray y) {
    HessianOperator a = build(model, x, y);
    HessianOperator b = null;
    HessianOperator c = null;
    HessianOperator kept = null;
    try {
      double[] probe = Lanczos.rademacherStart(a.dimension, CHECK_SEED);
      double[] ha = a.apply(probe);
      b = build(model, x, y);
      double[] hb = b.apply(probe);
      if (sameProduct(ha, hb)) {
        kept = a;
        return a;
      }
      c = build(model, x, y);
      double[] hc = c.apply(probe);
      int trusted = trustedBuild(ha, hb, hc);
      if (trusted == 0) {
        kept = a;
      } else if (trusted == 2) {
        kept = c;
      } else {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "Hessian-vector products disagree across three builds of the same graph (|Hv| = "
            + "%.6g, %.6g, %.6g for one probe; n = %d, d = %d): the PyTorch runtime gave "
            + "inconsistent double-backward results, so no curvature is reported",
            Lanczos.norm(ha), Lanczos.norm(hb), Lanczos.norm(hc), a.examples, a.dimension));
      }
      LOG.warn("Hessian-vector products of build {} of the same graph disagreed with the "
          + "other two (|Hv| = {}, {}, {}); using a build that two agree with", kept == a ? 2 : 1,
          Lanczos.norm(ha), Lanczos.norm(hb), Lanczos.norm(hc));
      return kept;
    } finally {
      for (HessianOperator h : new HessianOperator[] {a, b, c}) {
        if (h != null && h != kept) {
          h.close();
        }
      }
    }
  }

  /** Relative agreement required of two builds' products. */
  static final double AGREEMENT = 1e-4;
  private static final long CHECK_SEED = 0x5EEDL;
  private static final Logger LOG = LogManager.getLogger(HessianOperator.class);

  /**
   * After builds 0 and 1 disagreed: 0 when build 2's product agrees with build 0's (build 1 was
   * the odd one), 2 when it agrees with build 1's (build 0 was), -1 when all three differ.
   */
  static int trustedBuild(double[] h0, double[] h1, double[] h2) {
    if (sameProduct(h2, h0)) {
      return 0;
    }
    return sameProduct(h2, h1) ? 2 : -1;
  }

  /**
   * Whether two products of the same Hessian with the same vector agree: ‖a − b‖ ≤ {@value
   * #AGREEMENT}·max(‖a‖, ‖b‖), or both are exactly zero.
   */
  static boolean sameProduct(double[] a, double[] b) {
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      diff += t * t;
    }
    return Math.sqrt(diff) <= AGREEMENT * Math.max(Lanczos.norm(a), Lanczos.norm(b));
  }

  private static HessianOperator build(CurvatureModel model, NDArray x, NDArray y) {
    TorchAutograd.load();
    NDManager m = x.getManager().newSubManager();
    boolean gradMode = JniUtils.isGradMode();
    try {
      JniUtils.setGradMode(true);
      List<NDArray> params = model.parameterArrays();
      for (NDArray p : params) {
        if (!p.hasGradient()) {
          p.setRequiresGradient(true);
        }
      }
      // copies owned by this operator: the checked build makes up to three graphs, and closing
      // one must never move or free the caller's arrays
      NDArray xc = x.duplicate();
      xc.attach(m);
      NDArray yc = y.duplicate();
      yc.attach(m);
      NDArray losses = model.perExampleLosses(xc, yc);
      NDArray mean = losses.mean();
      NDArray one = m.ones(mean.getShape(), mean.getDataType());
      NDList g = TorchAutograd.gradWithGraph(List.of(mean), params, List.of(one));
      g.attach(m);
      double l = mean.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
      return new HessianOperator(m, params, g, l, Math.toIntExact(losses.getShape().get(0)));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /**
   * One Hessian-vector product Hv from scratch: forward, gradient with graph, double backward.
   * Unchecked, unlike {@link #of} (whose self-check would triple the cost of a single product):
   * for the cost of one product, as the peers measure it; measurements go through {@link #of}.
   */
  public static NDList hvp(CurvatureModel model, NDArray x, NDArray y, NDList v) {
    NDManager target = v.get(0).getManager();
    try (HessianOperator h = build(model, x, y)) {
      NDList out = h.applyFreeing(v);
      out.attach(target);
      return out;
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** n, the number of examples the Hessian averages over. */
  public int examples() {
    return examples;
  }

  /** L(θ) = (1/n) Σ ℓ_i at the current parameters. */
  public double loss() {
    return loss;
  }

  /** The gradient g(θ) as a flat vector. */
  public double[] gradient() {
    List<NDArray> parts = new ArrayList<>(gradient);
    return FlatVectors.flatten(parts);
  }

  /** The parameter arrays θ (the model's own). */
  public List<NDArray> parameters() {
    return parameters;
  }

  @Override
  public double[] apply(double[] v) {
    if (v.length != dimension) {
      throw new IllegalArgumentException("v has length " + v.length + ", expected d = "
          + dimension);
    }
    try (NDManager scratch = manager.newSubManager()) {
      NDList vs = FlatVectors.unflatten(v, parameters, scratch);
      NDList hv = apply(vs);
      hv.attach(scratch);
      return FlatVectors.flatten(hv);
    }
  }

  /**
   * Hv for v given as arrays shaped like the parameters; the result is attached to the manager of
   * the first gradient array (the caller may re-attach it).
   */
  public NDList apply(NDList v) {
    checkShapes(v);
    return TorchAutograd.vjp(gradient, parameters, v, true);
  }

  private NDList applyFreeing(NDList v) {
    checkShapes(v);
    return TorchAutograd.vjp(gradient, parameters, v, false);
  }

  private void checkShapes(NDList v) {
    if (v.size() != parameters.size()) {
      throw new IllegalArgumentException("v has " + v.size() + " arrays, expected one per "
          + "parameter (" + parameters.size() + ")");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).getShape().equals(parameters.get(i).getShape())) {
        throw new IllegalArgumentException("v[" + i + "] has shape " + v.get(i).getShape()
            + ", expected " + parameters.get(i).getShape());
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
