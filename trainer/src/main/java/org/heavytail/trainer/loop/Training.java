package org.heavytail.trainer.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;
import org.heavytail.trainer.optim.Optimizer;
import org.heavytail.trainer.optim.OptimizerFactory;
import org.heavytail.trainer.optim.OptimizerOptions;

/**
 * The one library entry point of training: {@link #run} starts a run from a {@link TrainConfig},
 * {@link #resume} continues one from its newest checkpoint. The command line, notebooks and tests
 * all call these.
 *
 * <p>Threads: unless set by the user, {@code ai.djl.pytorch.num_threads} is set to the number of
 * available processors and {@code ai.djl.pytorch.num_interop_threads} to 1 before the engine
 * loads (one intra-op pool, no competing inter-op pool).
 */
public final class Training {
  private static final Logger LOG = LogManager.getLogger(Training.class);

  private Training() {}

  /** Sets libtorch's thread properties (if not set) before the engine loads. */
  public static void configureThreads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads",
          Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /**
   * Trains from scratch on the data set named in the config.
   *
   * @throws TrainingFailedException when the loss or a gradient becomes non-finite
   * @throws IOException when the data or the run directory cannot be read or written
   */
  public static TrainResult run(TrainConfig config, List<TrainingListener> listeners)
      throws IOException {
    ArrayData[] d = load(config);
    return run(config, d[0], d[1], listeners);
  }

  /** Trains from scratch on given data (test may be null). */
  public static TrainResult run(
      TrainConfig config, ArrayData train, ArrayData test, List<TrainingListener> listeners)
      throws IOException {
    Path dir = config.out() != null ? config.out() : defaultRunDir();
    if (Files.exists(dir.resolve("checkpoints")) && !Checkpoint.list(dir.resolve("checkpoints")).isEmpty()) {
      throw new IllegalArgumentException(
          "run directory " + dir + " already holds checkpoints: use --resume " + dir
              + " to continue it, or choose another --out");
    }
    return execute(config.toBuilder().optOut(dir).build(), dir, false, train, test, listeners);
  }

  /**
   * Continues the run in {@code runDir} from its newest checkpoint, on the data set named in its
   * config.
   *
   * @param totalSteps the step count to reach (0: the run's configured count)
   */
  public static TrainResult resume(Path runDir, long totalSteps, List<TrainingListener> listeners)
      throws IOException {
    TrainConfig c = resumedConfig(runDir, totalSteps);
    ArrayData[] d = load(c);
    return execute(c, runDir, true, d[0], d[1], listeners);
  }

  /** Continues a run on given data (the data the run started with). */
  public static TrainResult resume(
      Path runDir, long totalSteps, ArrayData train, ArrayData test,
      List<TrainingListener> listeners) throws IOException {
    return execute(resumedConfig(runDir, totalSteps), runDir, true, train, test, listeners);
  }

  private static TrainConfig resumedConfig(Path runDir, long totalSteps) throws IOException {
    RunDirectory d = RunDirectory.open(runDir);
    TrainConfig c = TrainConfig.fromJson(d.readConfig().get("config"));
    TrainConfig.Builder b = c.toBuilder().optOut(runDir);
    if (totalSteps > 0) {
      b.setSteps(totalSteps);
    }
    return b.build();
  }

  private static ArrayData[] load(TrainConfig config) throws IOException {
    DataSetId id = DataSetId.fromName(config.dataset());
    DataLocation loc = config.dataDir() != null ? DataLocation.of(config.dataDir()) : DataLocation.defaults();
    ArrayData train = DataSets.load(id, Split.TRAIN, loc);
    ArrayData test = config.evaluateTest() ? DataSets.load(id, Split.TEST, loc) : null;
    return new ArrayData[] {train, test};
  }

  /** Global mean and (population) standard deviation of {@code x}, in double precision. */
  static double[] meanAndStd(float[] x) {
    double sum = 0;
    for (float v : x) {
      sum += v;
    }
    double mean = sum / x.length;
    double ss = 0;
    for (float v : x) {
      double d = v - mean;
      ss += d * d;
    }
    double sd = Math.sqrt(ss / x.length);
    return new double[] {mean, sd > 0 ? sd : 1};
  }

  private static Path defaultRunDir() {
    String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path p = Paths.get("runs", ts);
    for (int i = 2; Files.exists(p); i++) {
      p = Paths.get("runs", ts + "-" + i);
    }
    return p;
  }

  private static TrainResult execute(
      TrainConfig config, Path dir, boolean resume, ArrayData train, ArrayData test,
      List<TrainingListener> listeners) throws IOException {
    configureThreads();
    train = config.subsetOf(train);
    if (!config.evaluateTest()) {
      test = null;
    }
    boolean standardize = config.standardize() != null ? config.standardize() : train.numClasses() > 0;
    double[] musigma = {0, 1};
    if (standardize) {
      musigma = meanAndStd(train.features());
      train = train.standardized(musigma[0], musigma[1]);
      test = test == null ? null : test.standardized(musigma[0], musigma[1]);
    }
    Device device = DeviceChoice.parse(config.device()).resolve();
    ModelSpec spec = ModelSpec.parse(config.model());
    boolean classification = train.numClasses() > 0;
    LossKind loss = config.loss() != null ? LossKind.fromName(config.loss())
        : classification ? LossKind.CROSS_ENTROPY : LossKind.SQUARE;
    int outputs = classification ? train.numClasses() : train.targets().length / train.size();
    EpochSampler sampler = EpochSampler.of(train.size(), config.batchSize(), config.seed());
    long total = config.steps() > 0 ? config.steps() : (long) config.epochs() * sampler.stepsPerEpoch();
    Optimizer optimizer = OptimizerFactory.forName(config.optimizer())
        .create(OptimizerOptions.of(config.optimizerOptionsWithLr()));
    try (RunDirectory rd = RunDirectory.open(dir);
        Network net = Network.create(spec, train.exampleShape(), outputs, config.seed(), device);
        TrainingData data = TrainingData.of(train, test, net.inputShape(), device)) {
      Trainer trainer = new Trainer(net, loss, optimizer, data, sampler, listeners);
      long start = 0;
      if (resume) {
        Optional<Path> latest = Checkpoint.latest(rd.checkpoints());
        if (latest.isPresent()) {
          Checkpoint ck = Checkpoint.read(latest.get());
          net.setWeights(ck.weights());
          optimizer.loadState(ck.optimizer());
          trainer.restoreLoopState(ck.loop());
          start = ck.step();
          LOG.info("resuming {} at step {}", dir, start);
        } else {
          LOG.warn("{}: no checkpoint yet, starting from step 0", dir);
        }
        if (start > total) {
          throw new IllegalArgumentException(
              "resume: the checkpoint is at step " + start + ", past the requested total " + total);
        }
        rd.clearFailure();
      }
      LiveNetwork live = new LiveNetwork(net, loss, train, config);
      for (TrainingListener l : listeners) {
        if (l instanceof LiveNetworkListener n) {
          n.onNetwork(live);
        }
      }
      ObjectNode cfg = RunDirectory.JSON.createObjectNode();
      cfg.set("config", config.toJson(RunDirectory.JSON));
      ObjectNode r = cfg.putObject("resolved");
      r.put("model", spec.toString());
      r.put("loss", loss.specName());
      r.put("device", device.toString());
      r.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
      r.put("trainSize", train.size());
      r.put("testSize", test == null ? 0 : test.size());
      r.put("outputs", outputs);
      r.put("parameters", net.parameterCount());
      r.put("standardized", standardize);
      r.put("featureMean", musigma[0]);
      r.put("featureStd", musigma[1]);
      r.put("stepsPerEpoch", sampler.stepsPerEpoch());
      r.put("totalSteps", total);
      r.put("optimizer", optimizer.toString());
      r.put("numThreads", System.getProperty("ai.djl.pytorch.num_threads"));
      r.put("numInteropThreads", System.getProperty("ai.djl.pytorch.num_interop_threads"));
      // native settings read at process start (the launcher's heavytail.env.sh picks them)
      r.put("ompWaitPolicy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(libgomp default)"));
      r.put("glibcTunables", System.getenv().getOrDefault("GLIBC_TUNABLES", "(none)"));
      rd.writeConfig(cfg);
      rd.startMetrics(start);
      rd.writeStatus("running", start, "", null);
      long t0 = System.nanoTime();
      double rate = trainer.run(rd, start, total, config.checkpointEvery(), config.progress());
      double secs = (System.nanoTime() - t0) * 1e-9;
      double[] test1 = trainer.evaluateTest();
      ObjectNode extra = RunDirectory.JSON.createObjectNode();
      extra.put("finalTestLoss", test1[0]);
      extra.put("finalTestAccuracy", test1[1]);
      extra.put("stepsPerSecond", rate);
      rd.writeStatus("completed", total, "", extra);
      return new TrainResult(dir, total, rd.epochs(), test1[0], test1[1], secs, rate);
    } finally {
      if (optimizer instanceof AutoCloseable) {
        try {
          ((AutoCloseable) optimizer).close();
        } catch (Exception e) {
          LOG.debug("closing optimizer", e);
        }
      }
    }
  }
}
