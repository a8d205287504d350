package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What curvature needs of a model: an initialized DJL {@link Block} (PyTorch engine), a {@link
 * PerExampleLoss}, and the parameters θ the Hessian is taken over (all of them, or one layer's for
 * a per-layer Hessian ∇²_{θ_l} L, the diagonal block of the full Hessian).
 *
 * <p>Parameters are in the block's order ({@link Block#getParameters()}); a flat vector lists
 * them one after another, each in row-major order.
 *
 * @param block the network, already initialized
 * @param loss the per-example loss
 * @param parameterNames the names of the parameters θ (a subset of the block's, in its order)
 */
public record CurvatureModel(Block block, PerExampleLoss loss, List<String> parameterNames) {

  /** Validates and copies the parameter list. */
  public CurvatureModel {
    if (block == null || loss == null) {
      throw new IllegalArgumentException("block and loss must not be null");
    }
    Map<String, Parameter> all = allParameters(block);
    if (parameterNames.isEmpty()) {
      throw new IllegalArgumentException("parameterNames: empty; block has " + all.keySet());
    }
    for (String name : parameterNames) {
      Parameter p = all.get(name);
      if (p == null) {
        throw new IllegalArgumentException(
            "parameterNames: no parameter '" + name + "' in block; it has " + all.keySet());
      }
      if (!p.isInitialized()) {
        throw new IllegalArgumentException("parameter '" + name + "' is not initialized");
      }
    }
    parameterNames = List.copyOf(parameterNames);
  }

  /** The model over all of the block's parameters that require a gradient. */
  public static CurvatureModel of(Block block, PerExampleLoss loss) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : allParameters(block).entrySet()) {
      if (e.getValue().requiresGradient()) {
        names.add(e.getKey());
      }
    }
    return new CurvatureModel(block, loss, names);
  }

  /**
   * The model of a trainer {@link org.heavytail.trainer.model.Network} with one of its losses
   * (trained parameters only; batch-norm running statistics excluded).
   */
  public static CurvatureModel of(org.heavytail.trainer.model.Network network,
      org.heavytail.trainer.model.LossKind loss) {
    return new CurvatureModel(network.block(), loss::perExample, network.parameterNames());
  }

  /** The same model restricted to the parameters whose names pass {@code keep}. */
  public CurvatureModel restrictTo(Predicate<String> keep) {
    List<String> names = parameterNames.stream().filter(keep).toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException("restrictTo: no parameter of " + parameterNames
          + " passes the filter");
    }
    return new CurvatureModel(block, loss, names);
  }

  /**
   * Layers: parameter names grouped by their prefix before the last '_' (DJL names parameters
   * {@code 01Linear_weight}, {@code 01Linear_bias}), in block order.
   */
  public Map<String, List<String>> layers() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : parameterNames) {
      int cut = name.lastIndexOf('_');
      String layer = cut > 0 ? name.substring(0, cut) : name;
      out.computeIfAbsent(layer, k -> new ArrayList<>()).add(name);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The parameter arrays θ, in order (the block's own arrays, not copies). */
  public List<NDArray> parameterArrays() {
    Map<String, Parameter> all = allParameters(block);
    List<NDArray> out = new ArrayList<>(parameterNames.size());
    for (String name : parameterNames) {
      out.add(all.get(name).getArray());
    }
    return out;
  }

  /** d, the number of scalar parameters in θ. */
  public int dimension() {
    long d = 0;
    for (NDArray a : parameterArrays()) {
      d += a.size();
    }
    if (d > Integer.MAX_VALUE) {
      throw new IllegalStateException("dimension " + d + " exceeds a Java array");
    }
    return (int) d;
  }

  /**
   * Forward pass and per-example losses (ℓ_1..ℓ_n) in inference mode (no dropout; batch norm
   * uses running statistics). The caller enables autograd when it wants a graph.
   */
  public NDArray perExampleLosses(NDArray x, NDArray y) {
    if (x.getShape().get(0) != y.getShape().get(0)) {
      throw new IllegalArgumentException("x has " + x.getShape().get(0) + " examples but y has "
          + y.getShape().get(0));
    }
    NDArray f = predict(x);
    return loss.apply(f, y);
  }

  /** Forward pass of the block on x (inference mode). */
  public NDArray predict(NDArray x) {
    ParameterStore ps = new ParameterStore(x.getManager(), false);
    return block.forward(ps, new NDList(x), false).singletonOrThrow();
  }

  private static Map<String, Parameter> allParameters(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue());
    }
    return out;
  }
}
