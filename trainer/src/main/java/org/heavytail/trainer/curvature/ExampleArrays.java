package org.heavytail.trainer.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.heavytail.datasets.ArrayData;

/**
 * The first n examples of a data set as engine arrays for {@link CurvatureReport}: inputs x of
 * shape (n, inputShape…), transformed as (x − μ)/σ by {@link ArrayData#standardized} (the
 * training loop's own arithmetic), and labels y (int64, classification) or targets (n,
 * targetDim) (regression).
 *
 * @param x the inputs
 * @param y the labels or targets
 */
public record ExampleArrays(NDArray x, NDArray y) {

  /**
   * Copies the first {@code n} examples.
   *
   * @param data the data set
   * @param n how many (≤ data.size())
   * @param inputShape the network's input shape of one example
   * @param mean μ of the feature transform (0 for none)
   * @param std σ of the feature transform (1 for none)
   * @param manager the manager owning the arrays
   * @throws IllegalArgumentException naming {@code examples} when n exceeds the data
   */
  public static ExampleArrays first(ArrayData data, int n, long[] inputShape, double mean,
      double std, NDManager manager) {
    if (n < 1 || n > data.size()) {
      throw new IllegalArgumentException("examples = " + n + ": the training set has "
          + data.size() + " examples (expected 1.." + data.size() + ")");
    }
    ArrayData head = data.head(n);
    if (mean != 0 || std != 1) {
      head = head.standardized(mean, std);
    }
    long[] shape = new long[inputShape.length + 1];
    shape[0] = n;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    NDArray x = manager.create(head.features(), new Shape(shape));
    NDArray y;
    if (data.numClasses() > 0) {
      y = manager.create(Arrays.stream(head.labels()).asLongStream().toArray());
    } else {
      y = manager.create(head.targets(), new Shape(n, head.targets().length / n));
    }
    return new ExampleArrays(x, y);
  }
}
