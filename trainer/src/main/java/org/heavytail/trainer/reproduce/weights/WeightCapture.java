package org.heavytail.trainer.reproduce.weights;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.loop.TrainingListener;

/**
 * Copies every two-dimensional parameter (a weight matrix) at the steps a predicate selects,
 * after the update (θ_{k+1}); the copies are plain float arrays, so nothing is held past the
 * step that lent the NDArrays.
 */
final class WeightCapture implements TrainingListener {

  /** One captured matrix. */
  record Matrix(long step, String name, int rows, int cols, float[] values) {}

  private final LongPredicate when;
  private final List<Matrix> captured = new ArrayList<>();

  WeightCapture(LongPredicate when) {
    this.when = when;
  }

  @Override
  public void onStep(StepContext step) {
    if (!when.test(step.step())) {
      return;
    }
    for (String name : step.parameterNames()) {
      NDArray w = step.weight(name);
      if (w.getShape().dimension() == 2) {
        captured.add(new Matrix(step.step(), name, (int) w.getShape().get(0),
            (int) w.getShape().get(1), w.toFloatArray()));
      }
    }
  }

  /** The captured matrices by step, in capture order. */
  Map<Long, List<Matrix>> byStep() {
    Map<Long, List<Matrix>> m = new LinkedHashMap<>();
    for (Matrix x : captured) {
      m.computeIfAbsent(x.step(), k -> new ArrayList<>()).add(x);
    }
    return m;
  }
}
