package org.heavytail.datasets;

/** Which part of a data set: the training or the test split. */
public enum Split {
  TRAIN,
  TEST
}
