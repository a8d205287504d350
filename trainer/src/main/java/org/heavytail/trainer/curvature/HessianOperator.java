package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hessian H = ∇²_θ L(θ) of the mean loss L = (1/n) Σ_i ℓ_i on fixed data, applied to vectors
 * by exact double backward (Pearlmutter 1994): the gradient g(θ) is computed once with its graph
 * kept ({@code create_graph}), and each product is Hv = ∇_θ (g(θ)·v), one more backward pass
 * through the retained graph ({@link TorchAutograd}).
 *
 * <p>{@link #of} costs one forward and one backward pass; every {@link #apply} then costs one
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
   * with {@code create_graph}. The arrays it makes live in a sub-manager of x's manager.
   *
   * @param model block, loss and the parameters θ
   * @param x inputs, first axis n
   * @param y labels, first axis n
   */
  public static HessianOperator of(CurvatureModel model, NDArray x, NDArray y) {
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
      x.tempAttach(m);
      y.tempAttach(m);
      NDArray losses = model.perExampleLosses(x, y);
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

  /** One Hessian-vector product Hv from scratch: forward, gradient with graph, double backward. */
  public static NDList hvp(CurvatureModel model, NDArray x, NDArray y, NDList v) {
    NDManager target = v.get(0).getManager();
    try (HessianOperator h = of(model, x, y)) {
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
