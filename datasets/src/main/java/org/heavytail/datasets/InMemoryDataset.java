package org.heavytail.datasets;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Pipeline;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A DJL {@link RandomAccessDataset} over {@link ArrayData} held in memory, or over {@link
 * ImageBytes} (raw bytes, a quarter of the memory: CIFAR-10 train is 154 MB as bytes, 614 MB as
 * floats), converted batch by batch with the same normalisation {@code byte / 255}.
 *
 * <p>Record i: data = one float32 NDArray of shape {@code exampleShape} holding the features
 * exactly as in the {@link ArrayData} (images in [0, 1] as {@code byte / 255}: no further
 * normalisation here); label = a float32 scalar class index for classification sets (the
 * convention of DJL's own MNIST), or a float32 vector of length targetDim for regression sets.
 * A batch stacks these: data (b, exampleShape...), labels (b) or (b, targetDim).
 *
 * <p>Build with {@link #builder(ArrayData)}: {@link Builder#setShuffledSampling(int, long)}
 * for seeded shuffling ({@link SeededSampler}), {@link Builder#optSubset(long)} for the first n
 * examples only. When no transform pipeline is set, batches are built straight from the arrays
 * (one NDArray per batch instead of one per example).
 */
public final class InMemoryDataset extends RandomAccessDataset {

  private static final float[] BYTE_TO_UNIT = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      BYTE_TO_UNIT[v] = v / 255f;
    }
  }

  private final ArrayData data;
  private final ImageBytes bytes;
  private final int n;
  private final int per;
  private final long[] exampleShape;
  private final int targetDim;

  private InMemoryDataset(Builder b) {
    super(b);
    this.data = b.data;
    this.bytes = b.bytes;
    if (data != null) {
      this.n = data.size();
      this.per = data.exampleSize();
      this.exampleShape = data.exampleShape().clone();
      this.targetDim = data.targets().length == 0 ? 0 : data.targets().length / n;
    } else {
      this.n = bytes.size();
      this.per = bytes.pixels().length / Math.max(1, n);
      this.exampleShape = bytes.exampleShape().clone();
      this.targetDim = 0;
    }
  }

  /** A builder over float arrays; call a {@code setSampling} method before {@code build()}. */
  public static Builder builder(ArrayData data) {
    return new Builder(java.util.Objects.requireNonNull(data, "data"), null);
  }

  /** A builder over raw image bytes, normalised per batch as {@code byte / 255}. */
  public static Builder builder(ImageBytes images) {
    return new Builder(null, java.util.Objects.requireNonNull(images, "images"));
  }

  /** Copies the features of example {@code i} into {@code dst[off ..]}, as floats. */
  private void copyFeatures(int i, float[] dst, int off) {
    if (data != null) {
      System.arraycopy(data.features(), i * per, dst, off, per);
    } else {
      byte[] px = bytes.pixels();
      int src = i * per;
      for (int k = 0; k < per; k++) {
        dst[off + k] = BYTE_TO_UNIT[px[src + k] & 0xFF];
      }
    }
  }

  private int label(int i) {
    return data != null ? data.labels()[i] : bytes.labels()[i];
  }

  @Override
  public Record get(NDManager manager, long index) {
    int i = Math.toIntExact(index);
    float[] x = new float[per];
    copyFeatures(i, x, 0);
    NDArray features = manager.create(x, new Shape(exampleShape));
    NDArray label;
    if (targetDim > 0) {
      float[] t = new float[targetDim];
      System.arraycopy(data.targets(), i * targetDim, t, 0, targetDim);
      label = manager.create(t);
    } else {
      label = manager.create((float) label(i));
    }
    return new Record(new NDList(features), new NDList(label));
  }

  @Override
  protected long availableSize() {
    return n;
  }

  @Override
  public void prepare(Progress progress) {
    // in memory already
  }

  @Override
  public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executor)
      throws IOException {
    return new ArrayIterable(this, manager, sampler, executor);
  }

  /** Builds a batch for the given example indices straight from the arrays. */
  Batch batchOf(NDManager manager, List<Long> indices, long progress, Device device) {
    NDManager sub = manager.newSubManager();
    int b = indices.size();
    float[] x = new float[b * per];
    float[] y = new float[b * Math.max(1, targetDim)];
    for (int k = 0; k < b; k++) {
      int i = Math.toIntExact(indices.get(k));
      copyFeatures(i, x, k * per);
      if (targetDim > 0) {
        System.arraycopy(data.targets(), i * targetDim, y, k * targetDim, targetDim);
      } else {
        y[k] = label(i);
      }
    }
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = b;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    NDArray xs = sub.create(x, new Shape(shape));
    NDArray ys = targetDim > 0 ? sub.create(y, new Shape(b, targetDim)) : sub.create(y);
    NDList dl = new NDList(xs);
    NDList ll = new NDList(ys);
    if (device != null) {
      dl = dl.toDevice(device, false);
      ll = ll.toDevice(device, false);
    }
    return new Batch(sub, dl, ll, b, dataBatchifier, labelBatchifier, progress, size(), indices);
  }

  /** DJL's iterable with the per-example path replaced by {@link #batchOf} when possible. */
  private static final class ArrayIterable extends DataIterable {
    private final InMemoryDataset ds;
    private final boolean direct;

    ArrayIterable(InMemoryDataset ds, NDManager manager, Sampler sampler,
        ExecutorService executor) {
      super(ds, manager, sampler, ds.dataBatchifier, ds.labelBatchifier, ds.pipeline,
          ds.targetPipeline, executor, ds.prefetchNumber, ds.device);
      this.ds = ds;
      this.direct = empty(ds.pipeline) && empty(ds.targetPipeline)
          && ds.dataBatchifier == Batchifier.STACK && ds.labelBatchifier == Batchifier.STACK;
    }

    private static boolean empty(Pipeline p) {
      return p == null || p.getTransforms().isEmpty();
    }

    @Override
    protected Batch fetch(List<Long> indices, int progress) throws IOException {
      if (!direct) {
        return super.fetch(indices, progress);
      }
      return ds.batchOf(manager, indices, progress, device);
    }
  }

  /** Builder for {@link InMemoryDataset}. */
  public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
    private final ArrayData data;
    private final ImageBytes bytes;

    private Builder(ArrayData data, ImageBytes bytes) {
      this.data = data;
      this.bytes = bytes;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Minibatches of {@code batchSize} drawn without replacement in the permutation order of a
     * {@link SeededSampler} with {@code seed}; the last, smaller batch is kept.
     */
    public Builder setShuffledSampling(int batchSize, long seed) {
      return setShuffledSampling(batchSize, seed, false);
    }

    /** As {@link #setShuffledSampling(int, long)}, dropping the last partial batch if asked. */
    public Builder setShuffledSampling(int batchSize, long seed, boolean dropLast) {
      if (batchSize <= 0) {
        throw new IllegalArgumentException("batch size " + batchSize + ": expected > 0");
      }
      return setSampling(new BatchSampler(SeededSampler.of(seed), batchSize, dropLast));
    }

    /**
     * Uses only the first {@code n} examples (DJL's limit: indices 0..n-1).
     *
     * @throws IllegalArgumentException when n is not positive
     */
    public Builder optSubset(long n) {
      if (n <= 0) {
        throw new IllegalArgumentException("subset size " + n + ": expected > 0");
      }
      return optLimit(n);
    }

    /** Builds the dataset. */
    public InMemoryDataset build() {
      if (sampler == null) {
        throw new IllegalStateException(
            "sampling not set: call setShuffledSampling(batchSize, seed) or setSampling(...)");
      }
      return new InMemoryDataset(this);
    }
  }
}
