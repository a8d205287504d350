package org.heavytail.trainer.hook;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heavytail.trainer.loop.StepContext;
import org.heavytail.trainer.store.SnapshotWriter;

/**
 * The layers the snapshot hooks record and, per layer, the kept coordinates: shared by all hooks
 * of a run so that gradients, weights, updates and noise of a layer use the same coordinates.
 * Resolved at the first step from the model's parameter names and shapes.
 */
public final class LayerPlan {

  private final LayerSelection selection;
  private final int maxCoordinates;
  private final long seed;
  private List<Layer> layers;

  /**
   * One recorded layer.
   *
   * @param name parameter name
   * @param shape full shape
   * @param size number of elements
   * @param indices kept coordinates (sorted), or null for all
   * @param width kept coordinates count
   */
  public record Layer(String name, long[] shape, long size, int[] indices, int width) {}

  /**
   * A plan.
   *
   * @param selection which parameters
   * @param maxCoordinates coordinates kept per layer (a layer with fewer keeps all); 0 = all
   * @param seed seed of the coordinate draw
   */
  public LayerPlan(LayerSelection selection, int maxCoordinates, long seed) {
    Require.atLeast("--coordinates", maxCoordinates, 0);
    this.selection = selection;
    this.maxCoordinates = maxCoordinates;
    this.seed = seed;
  }

  /** Every coordinate of every parameter. */
  public static LayerPlan all() {
    return new LayerPlan(LayerSelection.all(), 0, 0);
  }

  /** Resolves (once) and returns the layers, declaring them in {@code writer} if given. */
  public synchronized List<Layer> layers(StepContext ctx, SnapshotWriter writer) {
    if (layers == null) {
      List<Layer> out = new ArrayList<>();
      for (String name : selection.select(ctx.parameterNames())) {
        NDArray w = ctx.weight(name);
        long[] shape = w.getShape().getShape();
        long size = w.size();
        long[] idx = maxCoordinates == 0 ? null
            : CoordinateSubset.draw(name, size, maxCoordinates, seed);
        out.add(new Layer(name, shape, size, TensorCopy.toInt(idx),
            idx == null ? Math.toIntExact(size) : idx.length));
        if (writer != null) {
          try {
            writer.declareLayer(name, shape, idx, idx == null ? null : seed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      layers = List.copyOf(out);
    }
    return layers;
  }

  /** What the plan keeps, for {@code hooks.json}. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", selection.isAll() ? "all" : selection.patterns());
    m.put("coordinatesPerLayer", maxCoordinates == 0 ? "all" : maxCoordinates);
    m.put("coordinateSeed", seed);
    return m;
  }
}
