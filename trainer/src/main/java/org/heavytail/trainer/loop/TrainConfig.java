package org.heavytail.trainer.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.heavytail.datasets.ArrayData;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.optim.OptimizerFactory;

/**
 * Everything that defines a training run, as given by the user (the command line, a notebook or
 * a test). Build with {@link #builder()}; defaults are the MNIST MLP 784-300-100-10 with plain
 * SGD, b = 128, one epoch, seed 0, device auto. The learning rate, when not set, is the chosen
 * optimizer's own default ({@link OptimizerFactory#defaultLearningRate()}: SGD 0.1, Adam 1e-3,
 * ...), resolved by {@link Builder#build()}; the record always holds the resolved value, so a
 * saved config replays with the same η even if a default changes later.
 *
 * @param model model spec string ({@link ModelSpec} grammar)
 * @param dataset data set name ({@code mnist}, {@code fashion-mnist}, {@code cifar10}, ...)
 * @param loss loss name ({@link LossKind}); null = cross-entropy for classification, square for
 *     regression
 * @param optimizer optimizer name ({@code sgd}, {@code adam}, ...)
 * @param learningRate η, resolved (passed to the optimizer as option {@code lr})
 * @param optimizerOptions the optimizer's other options ({@code --opt key=value})
 * @param batchSize b
 * @param epochs epochs to train (used when {@code steps} is 0)
 * @param steps total steps to train (0: {@code epochs} × steps per epoch)
 * @param seed seed of the initial weights and the minibatch order
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param out run directory (null: {@code runs/<timestamp>})
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param dataDir data directory (null: the default search path)
 * @param subset use only N training examples (0: all): the first N, or with {@code
 *     subsetBalanced} the first N of the class-interleaved order ({@link ArrayData#balancedHead})
 * @param subsetBalanced take the subset class-balanced (for sets stored class by class)
 * @param evaluateTest evaluate the test split at the end of every epoch and of the run
 * @param progress show a progress bar when on a terminal
 * @param standardize standardise features x ← (x − μ)/σ with the global mean μ and standard
 *     deviation σ of the training split (MNIST: μ ≈ 0.1307, σ ≈ 0.3081); null = yes for
 *     classification, no for regression
 */
public record TrainConfig(
    String model,
    String dataset,
    String loss,
    String optimizer,
    double learningRate,
    Map<String, String> optimizerOptions,
    int batchSize,
    int epochs,
    long steps,
    long seed,
    String device,
    Path out,
    long checkpointEvery,
    Path dataDir,
    int subset,
    boolean subsetBalanced,
    boolean evaluateTest,
    boolean progress,
    Boolean standardize) {

  /** Validates the values that do not depend on the data. */
  public TrainConfig {
    optimizerOptions = new TreeMap<>(optimizerOptions);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + ": expected >= 1");
    }
    if (epochs < 0 || steps < 0 || (epochs == 0 && steps == 0)) {
      throw new IllegalArgumentException(
          "epochs " + epochs + ", steps " + steps + ": expected epochs >= 1 or steps >= 1");
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpoint-every " + checkpointEvery + ": expected >= 0");
    }
    if (subset < 0) {
      throw new IllegalArgumentException("subset " + subset + ": expected >= 0");
    }
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate " + learningRate + ": expected a finite value >= 0");
    }
    if (optimizerOptions.containsKey("lr")) {
      throw new IllegalArgumentException(
          "optimizer option lr=" + optimizerOptions.get("lr") + ": set the learning rate with --lr");
    }
    DeviceChoice.parse(device);
    ModelSpec.parse(model);
    if (loss != null) {
      LossKind.fromName(loss);
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.dataset = dataset;
    b.loss = loss;
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.optimizerOptions = new TreeMap<>(optimizerOptions);
    b.batchSize = batchSize;
    b.epochs = epochs;
    b.steps = steps;
    b.seed = seed;
    b.device = device;
    b.out = out;
    b.checkpointEvery = checkpointEvery;
    b.dataDir = dataDir;
    b.subset = subset;
    b.subsetBalanced = subsetBalanced;
    b.evaluateTest = evaluateTest;
    b.progress = progress;
    b.standardize = standardize;
    return b;
  }

  /**
   * The training examples this config trains on: all of {@code train}, its first {@link
   * #subset} examples, or with {@link #subsetBalanced} the first of the class-interleaved order.
   *
   * @throws IllegalArgumentException when the subset is larger than the training set
   */
  public ArrayData subsetOf(ArrayData train) {
    if (subset == 0) {
      return train;
    }
    if (subset > train.size()) {
      throw new IllegalArgumentException(
          "subset " + subset + ": the training set has only " + train.size() + " examples");
    }
    return subsetBalanced ? train.balancedHead(subset) : train.head(subset);
  }

  /** The options passed to the optimizer factory: {@link #optimizerOptions} plus {@code lr}. */
  public Map<String, String> optimizerOptionsWithLr() {
    Map<String, String> m = new LinkedHashMap<>(optimizerOptions);
    m.put("lr", Double.toString(learningRate));
    return m;
  }

  /** This config as a JSON object (paths as strings, nulls kept). */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("model", model);
    n.put("dataset", dataset);
    n.put("loss", loss);
    n.put("optimizer", optimizer);
    n.put("learningRate", learningRate);
    ObjectNode o = n.putObject("optimizerOptions");
    optimizerOptions.forEach(o::put);
    n.put("batchSize", batchSize);
    n.put("epochs", epochs);
    n.put("steps", steps);
    n.put("seed", seed);
    n.put("device", device);
    n.put("out", out == null ? null : out.toString());
    n.put("checkpointEvery", checkpointEvery);
    n.put("dataDir", dataDir == null ? null : dataDir.toString());
    n.put("subset", subset);
    n.put("subsetBalanced", subsetBalanced);
    n.put("evaluateTest", evaluateTest);
    n.put("progress", progress);
    n.put("standardize", standardize);
    return n;
  }

  /**
   * Reads a config written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming a missing field
   */
  public static TrainConfig fromJson(JsonNode n) {
    Builder b = builder();
    b.model = text(n, "model");
    b.dataset = text(n, "dataset");
    b.loss = n.hasNonNull("loss") ? n.get("loss").asText() : null;
    b.optimizer = text(n, "optimizer");
    b.learningRate = req(n, "learningRate").asDouble();
    Map<String, String> o = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = req(n, "optimizerOptions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      o.put(e.getKey(), e.getValue().asText());
    }
    b.optimizerOptions = o;
    b.batchSize = req(n, "batchSize").asInt();
    b.epochs = req(n, "epochs").asInt();
    b.steps = req(n, "steps").asLong();
    b.seed = req(n, "seed").asLong();
    b.device = text(n, "device");
    b.out = n.hasNonNull("out") ? Paths.get(n.get("out").asText()) : null;
    b.checkpointEvery = req(n, "checkpointEvery").asLong();
    b.dataDir = n.hasNonNull("dataDir") ? Paths.get(n.get("dataDir").asText()) : null;
    b.subset = req(n, "subset").asInt();
    // absent in configs written before the field existed: the first N
    b.subsetBalanced = n.hasNonNull("subsetBalanced") && n.get("subsetBalanced").asBoolean();
    b.evaluateTest = req(n, "evaluateTest").asBoolean();
    b.progress = req(n, "progress").asBoolean();
    b.standardize = n.hasNonNull("standardize") ? n.get("standardize").asBoolean() : null;
    return b.build();
  }

  private static JsonNode req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("config: field '" + field + "' is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    return req(n, field).asText();
  }

  /**
   * The learning rate the named optimizer uses when none is given ({@link
   * OptimizerFactory#defaultLearningRate()}).
   *
   * @throws IllegalArgumentException for an unknown optimizer, or one without a default
   */
  public static double defaultLearningRate(String optimizer) {
    double lr = OptimizerFactory.forName(optimizer).defaultLearningRate();
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("optimizer '" + optimizer
          + "' has no default learning rate: set one (--lr)");
    }
    return lr;
  }

  /** Builder of {@link TrainConfig}, with DJL-style {@code set}/{@code opt} methods. */
  public static final class Builder {
    private String model = "mlp:784-300-100-10:relu";
    private String dataset = "mnist";
    private String loss;
    private String optimizer = "sgd";
    private double learningRate = Double.NaN;
    private Map<String, String> optimizerOptions = new TreeMap<>();
    private int batchSize = 128;
    private int epochs = 1;
    private long steps;
    private long seed;
    private String device = "auto";
    private Path out;
    private long checkpointEvery = 1000;
    private Path dataDir;
    private int subset;
    private boolean subsetBalanced;
    private boolean evaluateTest = true;
    private boolean progress = true;
    private Boolean standardize;

    private Builder() {}

    /** Standardise features (null: yes for classification, no for regression). */
    public Builder optStandardize(Boolean standardize) {
      this.standardize = standardize;
      return this;
    }

    /** Model spec string. */
    public Builder setModel(String model) {
      this.model = model;
      return this;
    }

    /** Data set name. */
    public Builder setDataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    /** Loss name (null: the data set's default). */
    public Builder optLoss(String loss) {
      this.loss = loss;
      return this;
    }

    /** Optimizer name. */
    public Builder setOptimizer(String optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /** Learning rate η (default: the optimizer's own, see {@link #build()}). */
    public Builder setLearningRate(double lr) {
      this.learningRate = lr;
      return this;
    }

    /**
     * Sets η, or with null goes back to the optimizer's default (for a flag that may be absent).
     */
    public Builder optLearningRate(Double lr) {
      this.learningRate = lr == null ? Double.NaN : lr;
      return this;
    }

    /** True when η was set (by {@link #setLearningRate} or {@link #optLearningRate}). */
    public boolean isLearningRateSet() {
      return !Double.isNaN(learningRate);
    }

    /** Sets one optimizer option. */
    public Builder optOptimizerOption(String key, String value) {
      this.optimizerOptions.put(key, value);
      return this;
    }

    /** Replaces all optimizer options. */
    public Builder optOptimizerOptions(Map<String, String> options) {
      this.optimizerOptions = new TreeMap<>(options);
      return this;
    }

    /** Batch size b. */
    public Builder setBatchSize(int b) {
      this.batchSize = b;
      return this;
    }

    /** Train for this many epochs (clears a step count). */
    public Builder setEpochs(int epochs) {
      this.epochs = epochs;
      this.steps = 0;
      return this;
    }

    /** Train for this many steps (overrides epochs). */
    public Builder setSteps(long steps) {
      this.steps = steps;
      return this;
    }

    /** Seed of the weights and the batch order. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@code auto}, {@code cpu} or {@code gpu}. */
    public Builder optDevice(String device) {
      this.device = device;
      return this;
    }

    /** Run directory. */
    public Builder optOut(Path out) {
      this.out = out;
      return this;
    }

    /** Steps between checkpoints (0: only at the end). */
    public Builder optCheckpointEvery(long n) {
      this.checkpointEvery = n;
      return this;
    }

    /** Data directory. */
    public Builder optDataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Use only the first N training examples. */
    public Builder optSubset(int n) {
      this.subset = n;
      return this;
    }

    /** Take the subset class-balanced ({@link ArrayData#balancedHead}) instead of the first N. */
    public Builder optSubsetBalanced(boolean balanced) {
      this.subsetBalanced = balanced;
      return this;
    }

    /** Whether to evaluate on the test split. */
    public Builder optEvaluateTest(boolean evaluate) {
      this.evaluateTest = evaluate;
      return this;
    }

    /** Whether to show a progress bar on a terminal. */
    public Builder optProgress(boolean progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Builds and validates. When no learning rate was set, η is the optimizer's default.
     *
     * @throws IllegalArgumentException for an unknown optimizer (naming the ones available), an
     *     optimizer without a default η when none was set, or an invalid value
     */
    public TrainConfig build() {
      double lr = learningRate;
      if (Double.isNaN(lr)) {
        lr = defaultLearningRate(optimizer);
      } else {
        OptimizerFactory.forName(optimizer); // an unknown name fails here, with or without η
      }
      return new TrainConfig(model, dataset, loss, optimizer, lr, optimizerOptions,
          batchSize, epochs, steps, seed, device, out, checkpointEvery, dataDir, subset,
          subsetBalanced, evaluateTest, progress, standardize);
    }
  }
}
