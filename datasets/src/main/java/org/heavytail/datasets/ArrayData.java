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
   * The same examples with every feature mapped to (x − μ)/σ, computed in float as (x − (float) μ)
   * · (float) (1/σ): the transform the training loop applies and records (featureMean,
   * featureStd), so code that rebuilds a run's inputs gets the same floats. Labels and targets
   * are shared.
   *
   * @param mean μ
   * @param std σ (non-zero)
   */
  public ArrayData standardized(double mean, double std) {
    float mu = (float) mean;
    float inv = (float) (1 / std);
    float[] f = new float[features.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (features[i] - mu) * inv;
    }
    return new ArrayData(f, labels, targets, exampleShape, numClasses);
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
    requireLabels("balancedHead(" + n + ")");
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException(
          "balancedHead(" + n + "): expected 1 <= n <= size() = " + size());
    }
    // round = rank of the example within its class; within a round, class order
    int[] seen = new int[numClasses];
    int[] round = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      round[i] = seen[labels[i]]++;
    }
    int[] rows = java.util.stream.IntStream.range(0, labels.length).boxed()
        .sorted(java.util.Comparator.<Integer>comparingInt(i -> round[i])
            .thenComparingInt(i -> labels[i]))
        .limit(n).mapToInt(Integer::intValue).toArray();
    return rows(rows, numClasses);
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
    requireLabels("firstClasses(" + k + ")");
    if (k < 1 || k > numClasses) {
      throw new IllegalArgumentException(
          "firstClasses(" + k + "): expected 1 <= k <= numClasses = " + numClasses);
    }
    int[] rows = java.util.stream.IntStream.range(0, labels.length)
        .filter(i -> labels[i] < k).toArray();
    return rows(rows, k);
  }

  private void requireLabels(String call) {
    if (numClasses <= 0) {
      throw new IllegalArgumentException(call + ": the data set has no class labels (regression)");
    }
  }

  /** The given examples, in the given order, as a classification set with {@code classes}. */
  private ArrayData rows(int[] rows, int classes) {
    int per = exampleSize();
    float[] f = new float[rows.length * per];
    int[] l = new int[rows.length];
    for (int j = 0; j < rows.length; j++) {
      System.arraycopy(features, rows[j] * per, f, j * per, per);
      l[j] = labels[rows[j]];
    }
    return new ArrayData(f, l, new float[0], exampleShape.clone(), classes);
  }

  private static long exampleSize(long[] shape) {
    long p = 1;
    for (long s : shape) {
      p *= s;
    }
    return p;
  }
}
