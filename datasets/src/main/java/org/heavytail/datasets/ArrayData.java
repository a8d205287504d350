package org.heavytail.datasets;

import java.util.Arrays;

/**
 * A data set held as plain arrays: {@code n} examples, each of shape {@code exampleShape}, stored
 * row-major one after another in {@code features}; integer class labels in {@code labels}
 * (classification) or real targets in {@code targets} (regression; {@code labels} is then empty).
 *
 * <p>Normalisation is stated by the producer (e.g. images scaled to [0, 1] by dividing bytes by
 * 255). Arrays are shared, not copied: treat them as read-only.
 *
 * @param features n × prod(exampleShape) values, row-major
 * @param labels class index per example, in [0, numClasses), or length 0 for regression
 * @param targets target per example for regression (n × targetDim), or length 0
 * @param exampleShape shape of one example, e.g. {1, 28, 28} for MNIST (C, H, W)
 * @param numClasses number of classes, 0 for regression
 */
public record ArrayData(
    float[] features, int[] labels, float[] targets, long[] exampleShape, int numClasses) {

  /** Validates that the arrays agree with each other. */
  public ArrayData {
    long per = exampleSize(exampleShape);
    if (per <= 0 || features.length % per != 0) {
      throw new IllegalArgumentException(
          "features length " + features.length + " is not a multiple of the example size " + per
              + " for shape " + Arrays.toString(exampleShape));
    }
    int n = (int) (features.length / per);
    if (labels.length != 0 && labels.length != n) {
      throw new IllegalArgumentException(
          "labels length " + labels.length + " does not match the " + n + " examples");
    }
    if (targets.length != 0 && targets.length % n != 0) {
      throw new IllegalArgumentException(
          "targets length " + targets.length + " is not a multiple of the " + n + " examples");
    }
  }

  /** Number of examples. */
  public int size() {
    return (int) (features.length / exampleSize(exampleShape));
  }

  /** Number of values in one example: the product of {@code exampleShape}. */
  public int exampleSize() {
    return (int) exampleSize(exampleShape);
  }

  /** The first {@code n} examples (a copy), or this object when {@code n >= size()}. */
  public ArrayData head(int n) {
    if (n >= size()) {
      return this;
    }
    int per = exampleSize();
    int targetDim = targets.length == 0 ? 0 : targets.length / size();
    return new ArrayData(
        Arrays.copyOf(features, n * per),
        labels.length == 0 ? labels : Arrays.copyOf(labels, n),
        targets.length == 0 ? targets : Arrays.copyOf(targets, n * targetDim),
        exampleShape.clone(),
        numClasses);
  }

  /**
   * The first {@code n} examples of the class-interleaved order (a copy): example j of class c
   * (j-th in the original order among its class) comes at round j, classes 0..K−1 within a round,
   * classes that run out are skipped. So any n holds ⌊n/K⌋ or ⌈n/K⌉ examples of each class
   * (while every class lasts), whatever the original order; {@link #head} of a set stored class
   * by class (CIFAR-10 decoded from image folders) would hold one class.
   *
   * @throws IllegalArgumentException when this is not a classification set or n is not in
   *     [1, size()]
   */
  public ArrayData balancedHead(int n) {
    if (numClasses <= 0) {
      throw new IllegalArgumentException(
          "balancedHead(" + n + "): the data set has no class labels (regression)");
    }
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException(
          "balancedHead(" + n + "): expected 1 <= n <= size() = " + size());
    }
    int[][] byClass = new int[numClasses][];
    int[] counts = new int[numClasses];
    for (int y : labels) {
      counts[y]++;
    }
    for (int c = 0; c < numClasses; c++) {
      byClass[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][counts[labels[i]]++] = i;
    }
    int per = exampleSize();
    float[] f = new float[n * per];
    int[] l = new int[n];
    int j = 0;
    for (int round = 0; j < n; round++) {
      for (int c = 0; c < numClasses && j < n; c++) {
        if (round < byClass[c].length) {
          int i = byClass[c][round];
          System.arraycopy(features, i * per, f, j * per, per);
          l[j++] = labels[i];
        }
      }
    }
    return new ArrayData(f, l, new float[0], exampleShape.clone(), numClasses);
  }

  /**
   * The examples of the first {@code k} classes (labels 0..k−1), in their original order, as a
   * k-class data set (a copy; {@code numClasses} becomes k, labels are unchanged). Used to train
   * on class subsets, e.g. the Hessian-outlier experiment of Sagun et al. (2017).
   *
   * @throws IllegalArgumentException when this is not a classification set or k is not in
   *     [1, numClasses]
   */
  public ArrayData firstClasses(int k) {
    if (numClasses <= 0) {
      throw new IllegalArgumentException(
          "firstClasses(" + k + "): the data set has no class labels (regression)");
    }
    if (k < 1 || k > numClasses) {
      throw new IllegalArgumentException(
          "firstClasses(" + k + "): expected 1 <= k <= numClasses = " + numClasses);
    }
    int per = exampleSize();
    int n = 0;
    for (int y : labels) {
      if (y < k) {
        n++;
      }
    }
    float[] f = new float[n * per];
    int[] l = new int[n];
    int j = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < k) {
        System.arraycopy(features, i * per, f, j * per, per);
        l[j++] = labels[i];
      }
    }
    return new ArrayData(f, l, new float[0], exampleShape.clone(), k);
  }

  private static long exampleSize(long[] shape) {
    long p = 1;
    for (long s : shape) {
      p *= s;
    }
    return p;
  }
}
