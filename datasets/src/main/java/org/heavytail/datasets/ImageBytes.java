package org.heavytail.datasets;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Images as raw unsigned bytes, as stored by the distribution formats (IDX, CIFAR-10 binary):
 * {@code n} images of shape {@code exampleShape} (C, H, W), channel planes row-major, one image
 * after another, and a class label per image.
 *
 * <p>{@link #toArrayData()} applies the project's one normalisation: x = byte / 255, so every
 * feature lies in [0, 1]. No mean subtraction, no per-channel scaling.
 *
 * @param pixels n × C × H × W unsigned bytes (read with {@code & 0xFF})
 * @param labels class index per image, in [0, numClasses)
 * @param exampleShape (C, H, W), e.g. {1, 28, 28} or {3, 32, 32}
 * @param numClasses number of classes
 */
public record ImageBytes(byte[] pixels, int[] labels, long[] exampleShape, int numClasses) {

  /** Validates that pixel and label counts agree. */
  public ImageBytes {
    long per = 1;
    for (long s : exampleShape) {
      per *= s;
    }
    if (per <= 0 || pixels.length % per != 0 || pixels.length / per != labels.length) {
      throw new IllegalArgumentException(
          "pixels length " + pixels.length + " is not " + labels.length + " labels × "
              + per + " values of shape " + Arrays.toString(exampleShape));
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /**
   * Converts to floats in [0, 1] as {@code (pixel & 0xFF) / 255f}; labels and shape are shared.
   */
  public ArrayData toArrayData() {
    float[] lut = new float[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = v / 255f;
    }
    float[] out = new float[pixels.length];
    final int chunk = 1 << 20;
    int chunks = (pixels.length + chunk - 1) / chunk;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int from = c * chunk;
              int to = Math.min(pixels.length, from + chunk);
              for (int i = from; i < to; i++) {
                out[i] = lut[pixels[i] & 0xFF];
              }
            });
    return new ArrayData(out, labels, new float[0], exampleShape.clone(), numClasses);
  }
}
