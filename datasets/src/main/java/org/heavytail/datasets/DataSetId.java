package org.heavytail.datasets;

import java.util.Locale;

/** The data sets heavytail knows by name, with the folder each is looked up under. */
public enum DataSetId {
  /** LeCun's handwritten digits, 60,000 + 10,000 28×28 grey images, IDX format. */
  MNIST("mnist", 10),
  /** Zalando's Fashion-MNIST, same layout and format as MNIST. */
  FASHION_MNIST("fashion-mnist", 10),
  /** CIFAR-10, 50,000 + 10,000 32×32 RGB images (binary batches or an image folder). */
  CIFAR10("cifar10", 10),
  /** Synthetic Gaussian linear regression (generated, never read from disk). */
  GAUSSIAN_REGRESSION("gaussian-regression", 0),
  /** Synthetic double-well toy (generated, never read from disk). */
  DOUBLE_WELL("double-well", 0);

  private final String folder;
  private final int numClasses;

  DataSetId(String folder, int numClasses) {
    this.folder = folder;
    this.numClasses = numClasses;
  }

  /** The folder name under a data directory, also the name used on the command line. */
  public String folderName() {
    return folder;
  }

  /** Number of classes for a classification set, 0 for regression sets. */
  public int numClasses() {
    return numClasses;
  }

  /**
   * Parses a command-line name ({@code mnist}, {@code fashion-mnist}, {@code cifar10}, ...).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static DataSetId fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (DataSetId id : values()) {
      if (id.folder.equals(n)) {
        return id;
      }
    }
    StringBuilder names = new StringBuilder();
    for (DataSetId id : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(id.folder);
    }
    throw new IllegalArgumentException(
        "unknown data set '" + name + "': expected one of " + names);
  }
}
