package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one adapter between heavytail and PyTorch's functional autograd: {@code
 * torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph)}.
 *
 * <p>Why an adapter: DJL 0.35.1 exposes only {@code Tensor.backward(grad, keepGraph, createGraph)}
 * ({@code JniUtils.backward}), which accumulates into the leaves' {@code .grad}. With {@code
 * createGraph = true} that makes a reference cycle parameter → .grad → graph → parameter that
 * only {@code .grad = None} breaks, and DJL can only zero {@code .grad} in place (measured: about
 * 5 MB leaked per Hessian-vector product of a 784-300-10 network on 1,000 examples, and a second
 * product on the same leaves fails). So this class loads a 3 KB TorchScript module (resource
 * {@code autograd.pt}, built by {@code trainer/src/main/python/make_autograd_module.py}) whose
 * methods call {@code torch.autograd.grad}, and calls them through DJL's public {@link
 * IValueUtils#forward(PtSymbolBlock, NDList, boolean)} with {@code isTrain = true} (DJL runs
 * methods with {@code isTrain = false} under a no-grad guard, which drops {@code create_graph}).
 * The method is chosen by DJL's array-name convention {@code module_method:NAME}, and list
 * arguments by names {@code outputs[]}, {@code inputs[]}, {@code vectors[]}; names of the caller's
 * arrays are restored after the call.
 *
 * <p>Nothing touches {@code .grad}: the gradients are returned as new arrays attached to the
 * manager of the first output.
 */
public final class TorchAutograd {

  private static final String RESOURCE = "autograd.pt";
  private static volatile PtSymbolBlock module;
  private static final Logger LOG = LogManager.getLogger(TorchAutograd.class);

  private TorchAutograd() {}

  private static PtSymbolBlock module() {
    PtSymbolBlock m = module;
    if (m == null) {
      synchronized (TorchAutograd.class) {
        m = module;
        if (m == null) {
          PtNDManager root = (PtNDManager) NDManager.newBaseManager("PyTorch");
          try (InputStream in = TorchAutograd.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException(
                  "resource " + RESOURCE + " missing next to " + TorchAutograd.class.getName());
            }
            m = JniUtils.loadModule(root, in, false, false);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
          }
          module = m;
          firstCalls();
        }
      }
    }
    return m;
  }

  /**
   * Makes the module's first calls (each method once) on a graph whose answer is known, f(w) =
   * ½‖w‖² with w = (1, 2): ∇f = w and Hv = v, repeated (up to three times) until they come out right, a wrong answer
   * logged (WARN). Why: in 9 of 15 runs of {@code heavytail reproduce alignment --quick}
   * (2026-11-26) the first {@code grad_graph} call after loading returned c·∇f with c arbitrary
   * (3e22, −6.9, 5.6e5, 2e-9, 1.5e20, 1.8e-21, 0, −4.4e-7, −5.3e29: the {@code grad_outputs} scalar read
   * as garbage), the second call was right. Turning TorchScript's graph optimizer off for the calls did not change that; the
   * cause is below DJL's IValue call and not found. {@link HessianOperator#of} checks its own
   * products as well.
   */
  private static void firstCalls() {
    boolean gradMode = JniUtils.isGradMode();
    try (NDManager s = NDManager.newBaseManager("PyTorch")) {
      JniUtils.setGradMode(true);
      for (int attempt = 1; attempt <= 3; attempt++) {
        NDArray w = s.create(new float[] {1f, 2f});
        w.setRequiresGradient(true);
        NDArray f = w.mul(w).sum().mul(0.5f);
        NDList g = gradWithGraph(List.of(f), List.of(w), List.of(s.ones(f.getShape())));
        float[] gv = g.get(0).toFloatArray();
        NDArray v = s.create(new float[] {3f, -1f});
        float[] kept = vjp(List.of(g.get(0)), List.of(w), List.of(v), true).get(0).toFloatArray();
        float[] hv = vjp(List.of(g.get(0)), List.of(w), List.of(v), false).get(0).toFloatArray();
        if (gv[0] == 1f && gv[1] == 2f && hv[0] == 3f && hv[1] == -1f && kept[0] == 3f
            && kept[1] == -1f) {
          return;
        }
        LOG.warn("autograd module, call {} after loading: gradient {} and products {} and {}, "
            + "expected [1, 2] and [3, -1]", attempt, java.util.Arrays.toString(gv),
            java.util.Arrays.toString(kept), java.util.Arrays.toString(hv));
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /**
   * Loads the TorchScript module now (and makes its checked first calls, see {@code
   * firstCalls}). Call before building a graph the module will differentiate.
   */
  static void load() {
    module();
  }

  /**
   * Gradient of the sum of {@code outputs} weighted by {@code vectors} (a vector-Jacobian
   * product), with {@code create_graph = true}: the result can be differentiated again. The graph
   * of the outputs is kept.
   *
   * @param outputs differentiable tensors
   * @param inputs tensors the gradient is taken with respect to (leaves or intermediate)
   * @param vectors one weight tensor per output, of its shape
   * @return one gradient per input (zeros where an input does not influence the outputs)
   */
  public static NDList gradWithGraph(List<NDArray> outputs, List<NDArray> inputs,
      List<NDArray> vectors) {
    return call("grad_graph", outputs, inputs, vectors);
  }

  /**
   * Vector-Jacobian product Σ_j vectors_jᵀ ∂outputs_j/∂inputs without a graph on the result.
   *
   * @param retainGraph keep the outputs' graph for further products (false frees it)
   */
  public static NDList vjp(List<NDArray> outputs, List<NDArray> inputs, List<NDArray> vectors,
      boolean retainGraph) {
    return call(retainGraph ? "vjp_retain" : "vjp", outputs, inputs, vectors);
  }

  private static NDList call(String method, List<NDArray> outputs, List<NDArray> inputs,
      List<NDArray> vectors) {
    if (outputs.isEmpty() || inputs.isEmpty()) {
      throw new IllegalArgumentException("outputs and inputs must be non-empty, got "
          + outputs.size() + " outputs and " + inputs.size() + " inputs");
    }
    if (vectors.size() != outputs.size()) {
      throw new IllegalArgumentException("vectors: expected one per output (" + outputs.size()
          + "), got " + vectors.size());
    }
    NDManager manager = outputs.get(0).getManager();
    int n = outputs.size() + inputs.size() + vectors.size();
    NDArray[] all = new NDArray[n + 1];
    String[] names = new String[n + 1];
    int k = 0;
    for (NDArray a : outputs) {
      all[k++] = a;
    }
    for (NDArray a : inputs) {
      all[k++] = a;
    }
    for (NDArray a : vectors) {
      all[k++] = a;
    }
    try (NDManager scratch = manager.newSubManager()) {
      NDArray selector = scratch.zeros(new ai.djl.ndarray.types.Shape(1));
      selector.setName("module_method:" + method);
      all[n] = selector;
      for (int i = 0; i < n; i++) {
        names[i] = all[i].getName();
        String list = i < outputs.size() ? "outputs[]"
            : i < outputs.size() + inputs.size() ? "inputs[]" : "vectors[]";
        all[i].setName(list);
        if (!(all[i] instanceof PtNDArray)) {
          throw new IllegalArgumentException("array " + i + " is not a PyTorch array ("
              + all[i].getClass().getName() + "); curvature needs the PyTorch engine");
        }
      }
      NDList out;
      try {
        out = IValueUtils.forward(module(), new NDList(all), true);
      } finally {
        for (int i = 0; i < n; i++) {
          all[i].setName(names[i]);
        }
      }
      out.attach(manager);
      return out;
    }
  }
}
