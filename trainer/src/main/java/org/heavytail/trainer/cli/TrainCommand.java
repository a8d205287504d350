package org.heavytail.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heavytail.datasets.DataSetId;
import org.heavytail.trainer.curvature.TrainingCurvature;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.TrainResult;
import org.heavytail.trainer.loop.Training;
import org.heavytail.trainer.loop.TrainingListener;
import org.heavytail.trainer.report.QuickSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code heavytail train}: parses flags into a {@link TrainConfig} and calls {@link
 * Training#run} (or {@link Training#resume} with {@code --resume DIR}). With no flags it trains
 * the 784-300-100-10 MLP on MNIST with SGD (η = 0.1, b = 128) for one epoch. Without {@code
 * --lr} the optimizer's own default learning rate is used ({@link
 * org.heavytail.trainer.optim.OptimizerFactory#defaultLearningRate()}); the resolved η is printed
 * before training and stored in the run directory's config.json.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a model; writes config, metrics and checkpoints to a run directory.")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  /** Snapshot hooks: --snapshot, --every, --layers, --snapshot-budget, --noise-* (issue 5). */
  @Mixin SnapshotOptions snapshots = new SnapshotOptions();

  /** What curvature to measure with --curvature-every (shared with {@code heavytail hessian}). */
  @Mixin CurvatureOptions curvature = new CurvatureOptions();

  @Option(names = "--curvature-every", paramLabel = "K", defaultValue = "0",
      description = "Measure the Hessian (--curvature-top-k, --curvature-trace, ...) on the first"
          + " --curvature-examples training examples after every K-th step into"
          + " curvature.csv in the run directory; 0 = never (default).")
  int curvatureEvery;

  @Option(names = "--curvature-seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the curvature probes (default: ${DEFAULT-VALUE}).")
  long curvatureSeed;

  @Option(names = "--model", description = "Model spec: mlp[:784-300-100-10][:relu|tanh|linear]"
      + "[:bias=..][:init=torch|he|xavier|lecun][:scale=..][:width=..:depth=..], lenet, vgg-small,"
      + " resnet20, linear (default: ${DEFAULT-VALUE}).")
  String model = "mlp:784-300-100-10:relu";

  @Option(names = "--dataset", description = "mnist, fashion-mnist, cifar10, ... (default: ${DEFAULT-VALUE}).")
  String dataset = "mnist";

  @Option(names = "--loss", description = "cross-entropy or square (default: cross-entropy for"
      + " classification, square for regression).")
  String loss;

  @Option(names = "--optimizer", description = "Optimizer name (default: ${DEFAULT-VALUE}).")
  String optimizer = "sgd";

  @Option(names = "--lr", description = "Learning rate (default: the optimizer's own: sgd and"
      + " noisy-sgd 0.1, momentum and nesterov 0.01, adam and adamw 1e-3, diffgrad 2e-3, rmsprop"
      + " and adagrad 1e-2, newton 1).")
  Double lr;

  @Option(names = "--batch-size", description = "Minibatch size b (default: ${DEFAULT-VALUE}).")
  int batchSize = 128;

  @Option(names = "--epochs", description = "Epochs to train (default: 1 when --steps is not given).")
  Integer epochs;

  @Option(names = "--steps", description = "Steps to train (instead of --epochs).")
  Long steps;

  @Option(names = "--seed", description = "Seed of weights and batch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device = "auto";

  @Option(names = "--out", description = "Run directory (default: runs/<UTC timestamp>).")
  Path out;

  @Option(names = "--resume", description = "Continue the run in DIR from its newest checkpoint"
      + " (other flags but --steps/--epochs are taken from its config).")
  Path resume;

  @Option(names = "--checkpoint-every", description = "Steps between checkpoints; 0 = only at"
      + " the end (default: ${DEFAULT-VALUE}).")
  long checkpointEvery = 1000;

  @Option(names = "--data-dir", description = "Folder holding <dataset>/ (default: search path).")
  Path dataDir;

  @Option(names = "--subset", description = "Train on the first N examples only (default: all).")
  int subset;

  @Option(names = "--subset-balanced", description = "With --subset: take the first N of the"
      + " class-interleaved order (every class equally), not the first N in file order; for data"
      + " stored class by class, such as CIFAR-10 decoded from image folders.")
  boolean subsetBalanced;

  @Option(names = "--opt", description = "Optimizer option key=value (repeatable), e.g. --opt momentum=0.9.")
  Map<String, String> opts = new LinkedHashMap<>();

  @Option(names = "--standardize", arity = "1", description = "Standardise features by the"
      + " training split's mean and std: true or false (default: true for classification).")
  Boolean standardize;

  @Option(names = "--no-test", description = "Skip the test-set evaluation.")
  boolean noTest;

  @Option(names = "--no-progress", description = "Never show the progress bar.")
  boolean noProgress;

  @Option(names = "--no-summary", description = "Without snapshot flags, train does the noise"
      + " probe at 3 steps (when the training set holds 50 minibatches), prints alpha per layer"
      + " and writes report.md; this turns it off.")
  boolean noSummary;

  private boolean summary;

  @Override
  public Integer call() throws Exception {
    if (epochs != null && steps != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--epochs and --steps are exclusive: give one of them");
    }
    if (epochs != null && epochs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--epochs " + epochs + ": expected >= 1");
    }
    if (steps != null && steps < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--steps " + steps + ": expected >= 1");
    }
    TrainResult r;
    if (resume != null) {
      long total = steps != null ? steps : 0;
      if (epochs != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--resume takes --steps (the total to reach), not --epochs");
      }
      List<TrainingListener> listeners = new ArrayList<>(snapshots.listeners());
      listeners.addAll(curvatureListeners());
      r = Training.resume(resume, total, listeners);
    } else {
      TrainConfig config;
      try {
        TrainConfig.Builder b = TrainConfig.builder()
            .setModel(model)
            .setDataset(dataset)
            .optLoss(loss)
            .setOptimizer(optimizer)
            .optLearningRate(lr)
            .optOptimizerOptions(opts)
            .setBatchSize(batchSize)
            .optSeed(seed)
            .optDevice(device)
            .optOut(out)
            .optCheckpointEvery(checkpointEvery)
            .optDataDir(dataDir)
            .optSubset(subset)
            .optSubsetBalanced(subsetBalanced)
            .optEvaluateTest(!noTest)
            .optProgress(!noProgress)
            .optStandardize(standardize);
        if (steps != null) {
          b.setSteps(steps);
        } else {
          b.setEpochs(epochs == null ? 1 : epochs);
        }
        config = b.build();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      spec.commandLine().getOut().printf(Locale.ROOT, "optimizer: %s, learning rate %s%s%n",
          config.optimizer(), config.learningRate(),
          lr == null ? " (the optimizer's default)" : "");
      spec.commandLine().getOut().flush();
      List<TrainingListener> listeners = new ArrayList<>(snapshots.listeners());
      // the summary's probe needs 50 disjoint minibatches; small subsets train without it
      summary = !noSummary && listeners.isEmpty()
          && (long) QuickSummary.BATCHES * config.batchSize() <= trainingSetSize(config);
      if (summary) {
        listeners.addAll(QuickSummary.listeners(config, trainingSetSize(config)));
      }
      listeners.addAll(curvatureListeners());
      r = Training.run(config, listeners);
    }
    PrintOut.print(spec.commandLine().getOut(), r);
    if (summary) {
      QuickSummary.finish(r.runDir(), spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** The curvature listener asked for by --curvature-every (none when 0). */
  private List<TrainingListener> curvatureListeners() {
    if (curvatureEvery < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--curvature-every " + curvatureEvery + ": expected >= 0 (0 = never)");
    }
    if (curvatureEvery == 0) {
      return List.of();
    }
    try {
      // validate the measurement flags now (the run's η and b are filled in when training starts)
      curvature.builder().optLearningRate(1).optBatchSize(1).build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "curvature flags: " + e.getMessage(), e);
    }
    return List.of(new TrainingCurvature(curvature.builder().optSeed(curvatureSeed),
        curvatureEvery));
  }

  /**
   * Size of the training split of the built-in image sets (the summary's probe schedule needs it
   * before the data are loaded), or 0 for sets without a fixed size.
   */
  private static int trainingSetSize(TrainConfig config) {
    int n;
    switch (DataSetId.fromName(config.dataset())) {
      case MNIST, FASHION_MNIST -> n = 60_000;
      case CIFAR10 -> n = 50_000;
      default -> n = 0;
    }
    return config.subset() > 0 && n > 0 ? Math.min(n, config.subset()) : n;
  }

  /** The closing lines of a run. */
  static final class PrintOut {
    private PrintOut() {}

    static void print(java.io.PrintWriter w, TrainResult r) {
      w.printf(Locale.ROOT, "run dir: %s%n", r.runDir());
      w.printf(Locale.ROOT, "steps: %d (%.1f steps/s, %.1f s)%n", r.steps(), r.stepsPerSecond(), r.seconds());
      if (!Double.isNaN(r.finalTestLoss())) {
        w.printf(Locale.ROOT, "test loss: %.4f%n", r.finalTestLoss());
      }
      if (!Double.isNaN(r.finalTestAccuracy())) {
        w.printf(Locale.ROOT, "test accuracy: %.4f%n", r.finalTestAccuracy());
      }
      w.flush();
    }
  }
}
