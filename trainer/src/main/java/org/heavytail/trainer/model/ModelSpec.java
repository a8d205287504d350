package org.heavytail.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What model to build, parsed from a short string. Grammar (parts separated by {@code :}):
 *
 * <pre>
 * spec   := kind ( ":" part )*
 * kind   := "mlp" | "lenet" | "vgg-small" | "resnet20" | "linear"
 * part   := dims                 (mlp only) INT ( "-" INT )+ : input, hidden..., output sizes
 *         | "relu" | "tanh" | "linear"            (mlp only) hidden activation, default relu
 *         | "bias=" ( "true" | "false" )          default true (false for kind linear)
 *         | "init=" ( "torch" | "he" | "xavier" | "lecun" )   see {@link InitScheme}
 *         | "scale=" NUMBER                       multiplies the init's spread, default 1
 *         | "width=" INT | "depth=" INT           (mlp only) depth hidden layers of width units
 * </pre>
 *
 * Examples: {@code mlp:784-300-100-10:relu}, {@code mlp:784-10:width=512:depth=4:tanh},
 * {@code mlp:linear:init=lecun:scale=0.5:bias=false}, {@code lenet}, {@code resnet20}, {@code
 * vgg-small}, {@code linear}. A first or last size 0 means: from the data set. {@code mlp} alone is input-300-100-output with the input and output
 * sizes taken from the data set. When dims are given, their first and last entries must match
 * the data set (checked when the network is built).
 *
 * <p>Default init: {@link InitScheme#HE} for ReLU networks and the CNNs, {@link
 * InitScheme#LECUN} for tanh/linear MLPs and the linear model.
 *
 * @param kind the architecture
 * @param dims MLP layer sizes (input, hidden..., output); empty = defaults from the data
 * @param activation MLP hidden activation
 * @param bias whether affine layers carry a bias
 * @param init initialisation scheme
 * @param scale multiplier of the initial spread
 */
public record ModelSpec(
    Kind kind, int[] dims, Activation activation, boolean bias, InitScheme init, double scale) {

  /** The architectures. */
  public enum Kind {
    /** Fully connected network. */
    MLP("mlp"),
    /** LeNet-5 style CNN for 28×28 inputs (LeCun et al. 1998, ReLU and max-pooling). */
    LENET("lenet"),
    /** VGG-style CNN for 32×32 inputs: [32,32,M,64,64,M,128,128,M], FC 256, FC out. */
    VGG_SMALL("vgg-small"),
    /** ResNet-20 for CIFAR-10 (He et al. 2016, §4.2) with batch norm. */
    RESNET20("resnet20"),
    /** Linear model y = Wx (+ b), for the regression experiments. */
    LINEAR("linear");

    private final String specName;

    Kind(String specName) {
      this.specName = specName;
    }

    /** The name in a spec string. */
    public String specName() {
      return specName;
    }
  }

  /** Validates and copies. */
  public ModelSpec {
    dims = dims.clone();
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("model spec: scale=" + scale + ": expected a positive number");
    }
    for (int i = 0; i < dims.length; i++) {
      boolean end = i == 0 || i == dims.length - 1;
      if (dims[i] < 0 || (dims[i] == 0 && !end)) {
        throw new IllegalArgumentException(
            "model spec: layer size " + dims[i] + " in " + Arrays.toString(dims)
                + ": expected > 0 (0 only as first/last size, meaning: from the data)");
      }
    }
    if (kind != Kind.MLP && dims.length > 0) {
      throw new IllegalArgumentException("model spec: layer sizes are only for mlp, not " + kind.specName);
    }
  }

  /** The default MLP 784-300-100-10 with ReLU (input and output checked against the data). */
  public static ModelSpec defaultMlp() {
    return parse("mlp:784-300-100-10:relu");
  }

  /**
   * Parses a spec string (grammar in the class comment).
   *
   * @throws IllegalArgumentException naming the spec, the offending part and what was expected
   */
  public static ModelSpec parse(String spec) {
    String[] parts = spec.trim().split(":");
    String kindName = parts[0].trim().toLowerCase(Locale.ROOT);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.specName.equals(kindName)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException(
          "model spec '" + spec + "': unknown model '" + parts[0]
              + "', expected mlp, lenet, vgg-small, resnet20 or linear");
    }
    int[] dims = new int[0];
    Activation act = Activation.RELU;
    Boolean bias = null;
    InitScheme init = null;
    double scale = 1;
    int width = -1;
    int depth = -1;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      try {
        if (p.matches("\\d+(-\\d+)+")) {
          requireMlp(kind, spec, p);
          dims = Arrays.stream(p.split("-")).mapToInt(Integer::parseInt).toArray();
        } else if (p.equals("relu") || p.equals("tanh") || p.equals("linear")) {
          requireMlp(kind, spec, p);
          act = Activation.fromName(p);
        } else if (p.startsWith("bias=")) {
          String v = p.substring(5);
          if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("expected bias=true or bias=false");
          }
          bias = Boolean.parseBoolean(v);
        } else if (p.startsWith("init=")) {
          init = InitScheme.fromName(p.substring(5));
        } else if (p.startsWith("scale=")) {
          scale = Double.parseDouble(p.substring(6));
        } else if (p.startsWith("width=")) {
          requireMlp(kind, spec, p);
          width = Integer.parseInt(p.substring(6));
        } else if (p.startsWith("depth=")) {
          requireMlp(kind, spec, p);
          depth = Integer.parseInt(p.substring(6));
        } else {
          throw new IllegalArgumentException(
              "expected layer sizes like 784-300-10, relu|tanh|linear, bias=, init=, scale=,"
                  + " width= or depth=");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "model spec '" + spec + "': part '" + parts[i] + "' is not a number where one was expected", e);
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("model spec")) {
          throw e;
        }
        throw new IllegalArgumentException(
            "model spec '" + spec + "': part '" + parts[i] + "': " + e.getMessage(), e);
      }
    }
    if (width >= 0 || depth >= 0) {
      if (width <= 0 || depth < 0) {
        throw new IllegalArgumentException(
            "model spec '" + spec + "': width= and depth= go together (width > 0, depth >= 0)");
      }
      if (dims.length != 0 && dims.length != 2) {
        throw new IllegalArgumentException(
            "model spec '" + spec + "': with width/depth give only input-output sizes, e.g. 784-10");
      }
      List<Integer> d = new ArrayList<>();
      d.add(dims.length == 2 ? dims[0] : 0);
      for (int k = 0; k < depth; k++) {
        d.add(width);
      }
      d.add(dims.length == 2 ? dims[1] : 0);
      dims = d.stream().mapToInt(Integer::intValue).toArray();
    }
    boolean b = bias != null ? bias : kind != Kind.LINEAR;
    if (init == null) {
      boolean reluLike = kind != Kind.LINEAR && !(kind == Kind.MLP && act != Activation.RELU);
      init = reluLike ? InitScheme.HE : InitScheme.LECUN;
    }
    return new ModelSpec(kind, dims, act, b, init, scale);
  }

  private static void requireMlp(Kind kind, String spec, String part) {
    if (kind != Kind.MLP) {
      throw new IllegalArgumentException(
          "model spec '" + spec + "': part '" + part + "' applies only to mlp, not " + kind.specName);
    }
  }

  /**
   * The MLP's layer sizes for a data set with {@code inputSize} inputs and {@code outputs}
   * outputs: the spec's sizes, or input-300-100-output when none were given.
   *
   * @throws IllegalArgumentException when given sizes do not match the data
   */
  public int[] mlpSizes(int inputSize, int outputs) {
    if (dims.length == 0) {
      return new int[] {inputSize, 300, 100, outputs};
    }
    int[] d = dims.clone();
    if (d[0] == 0) {
      d[0] = inputSize;
    }
    if (d[d.length - 1] == 0) {
      d[d.length - 1] = outputs;
    }
    if (d[0] != inputSize) {
      throw new IllegalArgumentException(
          "model spec " + this + ": input size " + d[0] + " does not match the data's " + inputSize
              + " values per example");
    }
    if (d[d.length - 1] != outputs) {
      throw new IllegalArgumentException(
          "model spec " + this + ": output size " + d[d.length - 1] + " does not match the data's "
              + outputs + " outputs");
    }
    return d;
  }

  /** The canonical spec string; {@code parse(toString())} gives an equal spec. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(kind.specName);
    if (kind == Kind.MLP) {
      if (dims.length > 0) {
        s.append(':');
        for (int i = 0; i < dims.length; i++) {
          s.append(i == 0 ? "" : "-").append(dims[i]);
        }
      }
      s.append(':').append(activation.specName());
    }
    s.append(":bias=").append(bias).append(":init=").append(init.specName());
    s.append(":scale=").append(scale);
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec m && m.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
