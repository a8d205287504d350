package org.heavytail.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model built from a {@link ModelSpec}: a DJL block with its parameters allocated in its own
 * {@link NDManager} and initialised from a seed, so the same spec, data shape and seed give the
 * same weights bit for bit.
 *
 * <p>Parameter names and their order are those of DJL's {@link Block#getParameters()} (e.g.
 * {@code 01Linear_weight}, {@code 01Linear_bias}, {@code 03Linear_weight}, ...): fixed for a
 * given spec. {@link #parameterNames()} lists the trained ones; {@link #stateNames()} all of them,
 * batch-norm running statistics included (these are saved in checkpoints but have no gradient).
 *
 * <p>Initial weights are drawn in parameter order from one {@link SplittableRandom} seeded with
 * the given seed, following {@link ModelSpec#init()} (see {@link InitScheme}).
 */
public final class Network implements AutoCloseable {
  private final ModelSpec spec;
  private final Block block;
  private final NDManager manager;
  private final long[] inputShape;
  private final int outputs;
  private final ParameterStore parameterStore;
  private final Map<String, Parameter> trainable = new LinkedHashMap<>();
  private final Map<String, Parameter> all = new LinkedHashMap<>();

  private Network(ModelSpec spec, Block block, NDManager manager, long[] inputShape, int outputs) {
    this.spec = spec;
    this.block = block;
    this.manager = manager;
    this.inputShape = inputShape;
    this.outputs = outputs;
    this.parameterStore = new ParameterStore(manager, false);
  }

  /**
   * Builds and initialises a network.
   *
   * @param spec the model
   * @param exampleShape shape of one example of the data, e.g. {1, 28, 28}
   * @param outputs number of outputs (classes, or regression target dimension)
   * @param seed seed of the initial weights
   * @param device where the parameters live
   * @throws IllegalArgumentException when the spec does not fit the data shape
   */
  public static Network create(
      ModelSpec spec, long[] exampleShape, int outputs, long seed, Device device) {
    if (outputs <= 0) {
      throw new IllegalArgumentException("outputs = " + outputs + ": expected > 0");
    }
    long[] input = inputShape(spec, exampleShape);
    Block block = block(spec, exampleShape, outputs);
    NDManager manager = NDManager.newBaseManager(device);
    Network net = new Network(spec, block, manager, input, outputs);
    try {
      long[] batchShape = new long[input.length + 1];
      batchShape[0] = 2;
      System.arraycopy(input, 0, batchShape, 1, input.length);
      block.initialize(manager, DataType.FLOAT32, new Shape(batchShape));
      for (Pair<String, Parameter> p : block.getParameters()) {
        net.all.put(p.getKey(), p.getValue());
        if (p.getValue().requiresGradient()) {
          net.trainable.put(p.getKey(), p.getValue());
        }
      }
      net.initialize(seed);
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }

  /**
   * Shape of one example as a network of {@code spec} reads it: {prod(exampleShape)} for MLPs and
   * the linear model, (C, H, W) for the CNNs.
   */
  public static long[] inputShape(ModelSpec spec, long[] exampleShape) {
    switch (spec.kind()) {
      case MLP:
      case LINEAR:
        return new long[] {Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b)};
      default:
        return image(spec, exampleShape);
    }
  }

  /**
   * The uninitialised DJL block of {@code spec} (for use with DJL's own trainer, e.g. to compare
   * with {@code EasyTrain}); {@link #create} builds and initialises it.
   */
  public static Block block(ModelSpec spec, long[] exampleShape, int outputs) {
    switch (spec.kind()) {
      case MLP:
        return mlp(spec, (int) inputShape(spec, exampleShape)[0], outputs);
      case LINEAR:
        return Linear.builder().setUnits(outputs).optBias(spec.bias()).build();
      case LENET:
        image(spec, exampleShape);
        return lenet(spec, outputs);
      case VGG_SMALL:
        image(spec, exampleShape);
        return vggSmall(spec, outputs);
      case RESNET20:
        image(spec, exampleShape);
        return resnet20(spec, outputs);
      default:
        throw new IllegalArgumentException("unsupported model kind " + spec.kind());
    }
  }

  private static long[] image(ModelSpec spec, long[] exampleShape) {
    if (exampleShape.length != 3) {
      throw new IllegalArgumentException(
          "model " + spec.kind().specName() + " needs image examples (C, H, W), got shape "
              + Arrays.toString(exampleShape));
    }
    return exampleShape.clone();
  }

  private static Block mlp(ModelSpec spec, int inputSize, int outputs) {
    int[] d = spec.mlpSizes(inputSize, outputs);
    SequentialBlock net = new SequentialBlock();
    for (int i = 1; i < d.length; i++) {
      net.add(Linear.builder().setUnits(d[i]).optBias(spec.bias()).build());
      if (i < d.length - 1 && spec.activation() != Activation.LINEAR) {
        net.add(spec.activation().block());
      }
    }
    return net;
  }

  private static Block conv(int filters, int kernel, int stride, int pad, boolean bias) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(bias)
        .build();
  }

  private static Block relu() {
    return ai.djl.nn.Activation.reluBlock();
  }

  private static Block lenet(ModelSpec spec, int outputs) {
    boolean b = spec.bias();
    return new SequentialBlock()
        .add(conv(6, 5, 1, 2, b))
        .add(relu())
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(conv(16, 5, 1, 0, b))
        .add(relu())
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(120).optBias(b).build())
        .add(relu())
        .add(Linear.builder().setUnits(84).optBias(b).build())
        .add(relu())
        .add(Linear.builder().setUnits(outputs).optBias(b).build());
  }

  private static Block vggSmall(ModelSpec spec, int outputs) {
    boolean b = spec.bias();
    SequentialBlock net = new SequentialBlock();
    for (int filters : new int[] {32, 64, 128}) {
      net.add(conv(filters, 3, 1, 1, b)).add(relu()).add(conv(filters, 3, 1, 1, b)).add(relu());
      net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    return net.add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(256).optBias(b).build())
        .add(relu())
        .add(Linear.builder().setUnits(outputs).optBias(b).build());
  }

  /**
   * ResNet-20 (He et al. 2016, §4.2): 3×3 conv with 16 filters, three stages of three basic
   * blocks with 16, 32, 64 filters (stride 2 at the first block of stages 2 and 3), global
   * average pooling, a linear layer. Convolutions carry no bias (batch norm follows). Shortcuts
   * where the shape changes are 1×1 convolutions with batch norm (the paper's option B).
   */
  private static Block resnet20(ModelSpec spec, int outputs) {
    SequentialBlock net = new SequentialBlock()
        .add(conv(16, 3, 1, 1, false))
        .add(BatchNorm.builder().build())
        .add(relu());
    int in = 16;
    for (int stage = 0; stage < 3; stage++) {
      int filters = 16 << stage;
      for (int i = 0; i < 3; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        SequentialBlock main = new SequentialBlock()
            .add(conv(filters, 3, stride, 1, false))
            .add(BatchNorm.builder().build())
            .add(relu())
            .add(conv(filters, 3, 1, 1, false))
            .add(BatchNorm.builder().build());
        Block shortcut = stride != 1 || in != filters
            ? new SequentialBlock().add(conv(filters, 1, stride, 0, false)).add(BatchNorm.builder().build())
            : Blocks.identityBlock();
        net.add(new ParallelBlock(
            l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())),
            List.of(main, shortcut)));
        net.add(relu());
        in = filters;
      }
    }
    return net.add(Pool.globalAvgPool2dBlock())
        .add(Linear.builder().setUnits(outputs).optBias(spec.bias()).build());
  }

  private void initialize(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    long lastFanIn = 1;
    for (Map.Entry<String, Parameter> e : all.entrySet()) {
      Parameter p = e.getValue();
      NDArray a = p.getArray();
      long[] s = a.getShape().getShape();
      float[] v;
      switch (p.getType()) {
        case WEIGHT: {
          long receptive = 1;
          for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
          }
          long fanIn = s.length > 1 ? s[1] * receptive : s[0];
          long fanOut = s[0] * receptive;
          lastFanIn = fanIn;
          v = new float[(int) a.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = spec.init().weight(rng, fanIn, fanOut, spec.scale());
          }
          break;
        }
        case BIAS: {
          v = new float[(int) a.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = spec.init().bias(rng, lastFanIn, spec.scale());
          }
          break;
        }
        case GAMMA:
        case RUNNING_VAR:
          v = new float[(int) a.size()];
          Arrays.fill(v, 1f);
          break;
        case BETA:
        case RUNNING_MEAN:
          v = new float[(int) a.size()];
          break;
        default:
          throw new IllegalStateException("no initialiser for parameter " + e.getKey() + " of type " + p.getType());
      }
      a.set(v);
    }
  }

  /**
   * Output of the network, shape (b, outputs).
   *
   * @param x inputs of shape (b, {@link #inputShape()}...)
   * @param training true in training mode (batch norm uses batch statistics and updates its
   *     running statistics)
   */
  public NDArray forward(NDArray x, boolean training) {
    return block.forward(parameterStore, new NDList(x), training).singletonOrThrow();
  }

  /** The spec this network was built from. */
  public ModelSpec spec() {
    return spec;
  }

  /** The DJL block. */
  public Block block() {
    return block;
  }

  /** The manager owning the parameters. */
  public NDManager manager() {
    return manager;
  }

  /** Shape of one input example as the network reads it ({784} for MLPs, (C, H, W) for CNNs). */
  public long[] inputShape() {
    return inputShape.clone();
  }

  /** Number of outputs. */
  public int outputs() {
    return outputs;
  }

  /** Names of the trained parameters, in the fixed model order. */
  public List<String> parameterNames() {
    return Collections.unmodifiableList(new ArrayList<>(trainable.keySet()));
  }

  /** Trained parameters by name, in model order. */
  public Map<String, Parameter> parameters() {
    return Collections.unmodifiableMap(trainable);
  }

  /** Names of all parameters including non-trained state (batch-norm running statistics). */
  public List<String> stateNames() {
    return Collections.unmodifiableList(new ArrayList<>(all.keySet()));
  }

  /** All parameters including non-trained state, by name, in model order. */
  public Map<String, Parameter> state() {
    return Collections.unmodifiableMap(all);
  }

  /** Number of trained scalars d = Σ |θ_p|. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : trainable.values()) {
      n += p.getArray().size();
    }
    return n;
  }

  /** Copies of all parameter values (including running statistics), by name. */
  public Map<String, float[]> weights() {
    Map<String, float[]> m = new LinkedHashMap<>();
    all.forEach((k, p) -> m.put(k, p.getArray().toFloatArray()));
    return m;
  }

  /**
   * Overwrites parameter values (all state names must be present with the right sizes).
   *
   * @throws IllegalArgumentException naming the parameter that is missing or mis-sized
   */
  public void setWeights(Map<String, float[]> values) {
    for (Map.Entry<String, Parameter> e : all.entrySet()) {
      float[] v = values.get(e.getKey());
      NDArray a = e.getValue().getArray();
      if (v == null || v.length != a.size()) {
        throw new IllegalArgumentException(
            "parameter " + e.getKey() + ": expected " + a.size() + " values, got "
                + (v == null ? "none" : v.length));
      }
      a.set(v);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
