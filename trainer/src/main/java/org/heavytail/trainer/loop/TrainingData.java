package org.heavytail.trainer.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.heavytail.datasets.ArrayData;

/**
 * A training and a test split held on the engine as whole arrays, so that a minibatch is one
 * native gather ({@code features.get(indices)}) with no per-step copy through Java.
 *
 * <p>Features are reshaped to (n, inputShape...) as the network reads them; targets are int64
 * class labels of shape (n) for classification, or float targets of shape (n, k) for regression.
 */
public final class TrainingData implements AutoCloseable {
  private final NDManager manager;
  private final NDArray trainX;
  private final NDArray trainY;
  private final NDArray testX;
  private final NDArray testY;
  private final int trainSize;
  private final int testSize;
  private final int outputs;
  private final boolean classification;

  private TrainingData(
      NDManager manager, NDArray trainX, NDArray trainY, NDArray testX, NDArray testY,
      int trainSize, int testSize, int outputs, boolean classification) {
    this.manager = manager;
    this.trainX = trainX;
    this.trainY = trainY;
    this.testX = testX;
    this.testY = testY;
    this.trainSize = trainSize;
    this.testSize = testSize;
    this.outputs = outputs;
    this.classification = classification;
  }

  /**
   * Copies the splits to the device.
   *
   * @param train training split
   * @param test test split (may be null: no test evaluation)
   * @param inputShape shape of one example as the network reads it
   * @param device where to hold the arrays
   */
  public static TrainingData of(ArrayData train, ArrayData test, long[] inputShape, Device device) {
    NDManager m = NDManager.newBaseManager(device);
    try {
      boolean cls = train.numClasses() > 0;
      int outputs = cls ? train.numClasses() : train.targets().length / train.size();
      NDArray tx = features(m, train, inputShape);
      NDArray ty = targets(m, train);
      NDArray sx = test == null ? null : features(m, test, inputShape);
      NDArray sy = test == null ? null : targets(m, test);
      return new TrainingData(m, tx, ty, sx, sy, train.size(), test == null ? 0 : test.size(),
          outputs, cls);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static NDArray features(NDManager m, ArrayData d, long[] inputShape) {
    long per = 1;
    for (long s : inputShape) {
      per *= s;
    }
    if (per != d.exampleSize()) {
      throw new IllegalArgumentException(
          "the model reads " + per + " values per example but the data has " + d.exampleSize());
    }
    long[] shape = new long[inputShape.length + 1];
    shape[0] = d.size();
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    return m.create(FloatBuffer.wrap(d.features()), new Shape(shape), DataType.FLOAT32);
  }

  private static NDArray targets(NDManager m, ArrayData d) {
    if (d.numClasses() > 0) {
      long[] l = new long[d.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = d.labels()[i];
      }
      return m.create(l);
    }
    return m.create(d.targets(), new Shape(d.size(), d.targets().length / d.size()));
  }

  /** The manager owning the arrays (minibatch gathers are attached to it; close them). */
  public NDManager manager() {
    return manager;
  }

  /** Training features (n, inputShape...). */
  public NDArray trainFeatures() {
    return trainX;
  }

  /** Training targets: labels (n) or targets (n, k). */
  public NDArray trainTargets() {
    return trainY;
  }

  /** Test features, or null. */
  public NDArray testFeatures() {
    return testX;
  }

  /** Test targets, or null. */
  public NDArray testTargets() {
    return testY;
  }

  /** Number of training examples. */
  public int trainSize() {
    return trainSize;
  }

  /** Number of test examples (0 when there is no test split). */
  public int testSize() {
    return testSize;
  }

  /** Network outputs: classes, or the regression target dimension. */
  public int outputs() {
    return outputs;
  }

  /** True for class labels, false for regression targets. */
  public boolean classification() {
    return classification;
  }

  /** An int64 index array of {@code indices} (attached to {@link #manager()}). */
  public NDArray indexArray(int[] indices) {
    long[] l = new long[indices.length];
    for (int i = 0; i < l.length; i++) {
      if (indices[i] < 0 || indices[i] >= trainSize) {
        throw new IndexOutOfBoundsException(
            "example index " + indices[i] + ": expected 0 <= i < " + trainSize);
      }
      l[i] = indices[i];
    }
    return manager.create(l);
  }

  @Override
  public void close() {
    manager.close();
  }
}
