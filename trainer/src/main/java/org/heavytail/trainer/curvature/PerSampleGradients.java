package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-sample gradients ∇ℓ_i(θ), i = 1..n, of a batch in one forward and one backward pass where
 * the layers allow (Goodfellow 2015, "Efficient per-example gradient computations"; BackPACK,
 * Dangel et al. 2020):
 *
 * <ul>
 *   <li>dense layer z = a Wᵀ + b: with the saved input a_i and the back-propagated output
 *       gradient δ_i = ∂ℓ_i/∂z_i (one backward pass of Σ_i ℓ_i to the layer outputs),
 *       ∇_W ℓ_i = δ_i a_iᵀ and ∇_b ℓ_i = δ_i (summed over extra positions if a has them);
 *   <li>2-D convolution (groups = 1): with the unfolded input U_i = im2col(a_i) of shape
 *       (C·k_h·k_w, H'·W'), ∇_W ℓ_i = δ_i U_iᵀ reshaped to (C_out, C, k_h, k_w) and ∇_b ℓ_i =
 *       Σ_{h,w} δ_i.
 * </ul>
 *
 * <p>The fast path applies to a {@link SequentialBlock} (nested allowed) whose parameterized
 * leaves are all {@link Linear} or {@link Conv2d} with groups = 1; anything else (batch norm, a
 * residual block) uses the loop of n batch-size-one passes ({@link #loop}), which is also the
 * reference the tests check the fast path against.
 */
public final class PerSampleGradients {

  private PerSampleGradients() {}

  /**
   * Per-sample gradients.
   *
   * @param perParameter for each of the model's parameters (in order) an array (n, *shape)
   * @param vectorized whether the one-pass path was used (false: the loop)
   */
  public record Result(NDList perParameter, boolean vectorized) {

    /** The gradients as one (n, d) array, parameters concatenated in order (row-major each). */
    public NDArray flattened() {
      NDList parts = new NDList(perParameter.size());
      for (NDArray a : perParameter) {
        parts.add(a.reshape(a.getShape().get(0), -1));
      }
      return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }
  }

  /** The one-pass path when {@link #supportsFastPath} holds, else the loop. */
  public static Result compute(CurvatureModel model, NDArray x, NDArray y) {
    if (supportsFastPath(model)) {
      return fast(model, x, y);
    }
    return loop(model, x, y);
  }

  /** Whether every parameter of the model sits in a dense or groups-1 2-D convolution leaf. */
  public static boolean supportsFastPath(CurvatureModel model) {
    List<Pair<String, Block>> leaves = new ArrayList<>();
    if (!leaves(model.block(), "", leaves)) {
      return false;
    }
    Set<String> covered = new HashSet<>();
    for (Pair<String, Block> leaf : leaves) {
      Block b = leaf.getValue();
      if (b.getParameters().isEmpty()) {
        continue;
      }
      if (b instanceof Linear || (b instanceof Conv2d c && c.getGroups() == 1)) {
        for (Pair<String, ai.djl.nn.Parameter> p : b.getParameters()) {
          covered.add(leaf.getKey() + p.getKey());
        }
      } else {
        return false;
      }
    }
    return covered.containsAll(model.parameterNames());
  }

  /** Flattens nested sequential blocks into (name prefix, leaf) pairs; false if not sequential. */
  private static boolean leaves(Block block, String prefix, List<Pair<String, Block>> out) {
    if (block instanceof SequentialBlock) {
      for (Pair<String, Block> child : block.getChildren()) {
        if (!leaves(child.getValue(), prefix + child.getKey() + "_", out)) {
          return false;
        }
      }
      return true;
    }
    if (!block.getChildren().isEmpty()) {
      return false;
    }
    out.add(new Pair<>(prefix, block));
    return true;
  }

  /** The one-pass path; throws if {@link #supportsFastPath} is false. */
  public static Result fast(CurvatureModel model, NDArray x, NDArray y) {
    if (!supportsFastPath(model)) {
      throw new IllegalArgumentException("model block is not a sequence of dense/conv2d layers "
          + "and parameter-free blocks; use PerSampleGradients.loop");
    }
    TorchAutograd.load();
    NDManager target = x.getManager();
    List<Pair<String, Block>> leaves = new ArrayList<>();
    leaves(model.block(), "", leaves);
    boolean gradMode = JniUtils.isGradMode();
    try (NDManager m = target.newSubManager()) {
      JniUtils.setGradMode(true);
      for (NDArray p : model.parameterArrays()) {
        if (!p.hasGradient()) {
          p.setRequiresGradient(true);
        }
      }
      x.tempAttach(m);
      y.tempAttach(m);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray a = x;
      List<Block> layers = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      List<NDArray> inputs = new ArrayList<>();
      List<NDArray> outputs = new ArrayList<>();
      for (Pair<String, Block> leaf : leaves) {
        Block b = leaf.getValue();
        NDArray z = b.forward(ps, new NDList(a), false).singletonOrThrow();
        if (!b.getParameters().isEmpty()) {
          layers.add(b);
          prefixes.add(leaf.getKey());
          inputs.add(a);
          outputs.add(z);
        }
        a = z;
      }
      NDArray total = model.loss().apply(a, y).sum();
      NDList deltas = TorchAutograd.vjp(List.of(total), outputs,
          List.of(m.ones(total.getShape(), total.getDataType())), false);
      Map<String, NDArray> grads = new HashMap<>();
      for (int l = 0; l < layers.size(); l++) {
        Block b = layers.get(l);
        NDArray in = inputs.get(l).stopGradient();
        NDArray delta = deltas.get(l);
        if (b instanceof Linear) {
          dense(b, prefixes.get(l), in, delta, grads);
        } else {
          conv((Conv2d) b, prefixes.get(l), in, delta, grads);
        }
      }
      NDList out = new NDList();
      for (String name : model.parameterNames()) {
        NDArray g = grads.get(name);
        g.attach(target);
        out.add(g);
      }
      return new Result(out, true);
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  private static void dense(Block b, String prefix, NDArray a, NDArray delta,
      Map<String, NDArray> grads) {
    long n = a.getShape().get(0);
    long in = a.getShape().get(a.getShape().dimension() - 1);
    long out = delta.getShape().get(delta.getShape().dimension() - 1);
    NDArray a3 = a.reshape(n, -1, in);
    NDArray d3 = delta.reshape(n, -1, out);
    for (Pair<String, ai.djl.nn.Parameter> p : b.getParameters()) {
      String key = prefix + p.getKey();
      if (p.getKey().equals("weight")) {
        // one position: the outer product δ_i a_iᵀ by broadcasting; several: a batched GEMM
        NDArray w = a3.getShape().get(1) == 1
            ? d3.reshape(n, out, 1).mul(a3)
            : d3.transpose(0, 2, 1).batchMatMul(a3);
        grads.put(key, w);
      } else {
        grads.put(key, d3.sum(new int[] {1}));
      }
    }
  }

  private static void conv(Conv2d b, String prefix, NDArray a, NDArray delta,
      Map<String, NDArray> grads) {
    Shape k = b.getKernelShape();
    Shape s = b.getStride();
    Shape pad = b.getPadding();
    Shape dil = b.getDilation();
    long n = a.getShape().get(0);
    long c = a.getShape().get(1);
    long cout = delta.getShape().get(1);
    long ho = delta.getShape().get(2);
    long wo = delta.getShape().get(3);
    NDArray ap = pad.get(0) == 0 && pad.get(1) == 0 ? a
        : a.pad(new Shape(pad.get(1), pad.get(1), pad.get(0), pad.get(0)), 0);
    NDList cols = new NDList((int) (k.get(0) * k.get(1)));
    for (long i = 0; i < k.get(0); i++) {
      for (long j = 0; j < k.get(1); j++) {
        long r0 = i * dil.get(0);
        long c0 = j * dil.get(1);
        cols.add(ap.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", r0, r0 + s.get(0) * (ho - 1) + 1,
            s.get(0), c0, c0 + s.get(1) * (wo - 1) + 1, s.get(1))));
      }
    }
    // (n, C, kh*kw, H', W') -> (n, C*kh*kw, H'*W'), the layout of the weight (Cout, C, kh, kw)
    NDArray unfolded = NDArrays.stack(cols, 2).reshape(n, c * k.get(0) * k.get(1), ho * wo);
    NDArray d3 = delta.reshape(n, cout, ho * wo);
    for (Pair<String, ai.djl.nn.Parameter> p : b.getParameters()) {
      String key = prefix + p.getKey();
      if (p.getKey().equals("weight")) {
        grads.put(key, d3.batchMatMul(unfolded.transpose(0, 2, 1))
            .reshape(n, cout, c, k.get(0), k.get(1)));
      } else {
        grads.put(key, d3.sum(new int[] {2}));
      }
    }
  }

  /** The reference: n passes with a batch of one example each. */
  public static Result loop(CurvatureModel model, NDArray x, NDArray y) {
    TorchAutograd.load();
    NDManager target = x.getManager();
    int n = Math.toIntExact(x.getShape().get(0));
    List<NDArray> params = model.parameterArrays();
    List<NDList> per = new ArrayList<>();
    for (int j = 0; j < params.size(); j++) {
      per.add(new NDList(n));
    }
    boolean gradMode = JniUtils.isGradMode();
    try (NDManager m = target.newSubManager()) {
      JniUtils.setGradMode(true);
      for (NDArray p : params) {
        if (!p.hasGradient()) {
          p.setRequiresGradient(true);
        }
      }
      x.tempAttach(m);
      y.tempAttach(m);
      for (int i = 0; i < n; i++) {
        NDArray xi = x.get(new NDIndex("{}:{}", i, i + 1));
        NDArray yi = y.get(new NDIndex("{}:{}", i, i + 1));
        NDArray li = model.perExampleLosses(xi, yi).sum();
        NDList g = TorchAutograd.vjp(List.of(li), params,
            List.of(m.ones(li.getShape(), li.getDataType())), false);
        for (int j = 0; j < params.size(); j++) {
          per.get(j).add(g.get(j));
        }
      }
      NDList out = new NDList(params.size());
      for (NDList l : per) {
        NDArray s = NDArrays.stack(l, 0);
        s.attach(target);
        out.add(s);
      }
      return new Result(out, false);
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }
}
