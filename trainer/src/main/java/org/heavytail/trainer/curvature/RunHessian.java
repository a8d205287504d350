package org.heavytail.trainer.curvature;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.loop.Checkpoint;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.model.LossKind;
import org.heavytail.trainer.model.ModelSpec;
import org.heavytail.trainer.model.Network;

/**
 * Curvature of a saved training run: rebuilds the run's network from {@code config.json}, loads
 * the weights of a checkpoint ({@code checkpoints/step-NNNNNNNNNN.ckpt}), takes the first n
 * training examples of the run's data set with the run's preprocessing (its subset and its
 * feature standardization (x − μ)/σ from {@code resolved.featureMean/featureStd}), the run's loss,
 * learning rate and batch size, and calls {@link CurvatureReport#run}. The call behind {@code
 * heavytail hessian}.
 */
public final class RunHessian {

  private RunHessian() {}

  /**
   * Result: the report, the checkpoint's step and the files written.
   *
   * @param report the tables
   * @param step the checkpoint step analysed
   * @param csv the scalar CSV written
   * @param densityCsv the density CSV written (null when no density was asked)
   */
  public record Result(CurvatureReport report, long step, Path csv, Path densityCsv) {}

  /**
   * Analyses a run.
   *
   * @param runDir the run directory
   * @param step the checkpoint step, or null for the newest checkpoint
   * @param config what to measure; learning rate and batch size are replaced by the run's
   * @param dataDir the data folder (null: the run's, else the default search path)
   * @throws IOException when the run, its checkpoint or its data cannot be read
   */
  public static Result analyse(Path runDir, Long step, CurvatureConfig.Builder config,
      Path dataDir) throws IOException {
    Path cfgFile = runDir.resolve("config.json");
    if (!Files.exists(cfgFile)) {
      throw new IOException(runDir + ": no config.json, not a heavytail run directory");
    }
    JsonNode root = new ObjectMapper().readTree(cfgFile.toFile());
    TrainConfig tc = TrainConfig.fromJson(root.get("config"));
    JsonNode resolved = root.path("resolved");
    Path ckDir = runDir.resolve("checkpoints");
    Path ckFile;
    if (step == null) {
      Optional<Path> latest = Checkpoint.latest(ckDir);
      if (latest.isEmpty()) {
        throw new IOException(ckDir + ": no checkpoint in the run directory");
      }
      ckFile = latest.get();
    } else {
      ckFile = ckDir.resolve(Checkpoint.fileName(step));
      if (!Files.exists(ckFile)) {
        throw new IOException("--checkpoint " + step + ": no file " + ckFile + "; available: "
            + Checkpoint.list(ckDir).stream().map(Checkpoint::stepOf).toList());
      }
    }
    Checkpoint ck = Checkpoint.read(ckFile);

    DataSetId id = DataSetId.fromName(tc.dataset());
    Path dd = dataDir != null ? dataDir : tc.dataDir();
    DataLocation loc = dd != null ? DataLocation.of(dd) : DataLocation.defaults();
    ArrayData train = DataSets.load(id, Split.TRAIN, loc);
    train = tc.subsetOf(train);
    boolean classification = train.numClasses() > 0;
    LossKind loss = resolved.has("loss") ? LossKind.fromName(resolved.get("loss").asText())
        : tc.loss() != null ? LossKind.fromName(tc.loss())
        : classification ? LossKind.CROSS_ENTROPY : LossKind.SQUARE;
    int outputs = resolved.has("outputs") ? resolved.get("outputs").asInt()
        : classification ? train.numClasses() : train.targets().length / train.size();
    boolean standardized = resolved.path("standardized").asBoolean(false);
    double mu = resolved.path("featureMean").asDouble(0);
    double sd = resolved.path("featureStd").asDouble(1);

    CurvatureConfig cfg = config.optLearningRate(tc.learningRate())
        .optBatchSize(tc.batchSize()).build();
    int n = cfg.examples();
    if (n > train.size()) {
      throw new IllegalArgumentException("--examples " + n + ": the run's training set has only "
          + train.size() + " examples");
    }
    try (Network net = Network.create(ModelSpec.parse(tc.model()), train.exampleShape(), outputs,
            tc.seed(), Device.cpu());
        NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      net.setWeights(ck.weights());
      ExampleArrays xy = ExampleArrays.first(train, n, net.inputShape(),
          standardized ? mu : 0, standardized ? sd : 1, m);
      NDArray x = xy.x();
      NDArray y = xy.y();
      CurvatureModel model = CurvatureModel.of(net, loss);
      CurvatureReport report = CurvatureReport.run(model, x, y, cfg, ck.step());
      Path csv = runDir.resolve(String.format("hessian-step-%010d.csv", ck.step()));
      report.scalars().write().csv(csv.toFile());
      Path dcsv = null;
      if (!report.density().isEmpty()) {
        dcsv = runDir.resolve(String.format("hessian-density-step-%010d.csv", ck.step()));
        report.density().write().csv(dcsv.toFile());
      }
      return new Result(report, ck.step(), csv, dcsv);
    }
  }

  /** The quantities of a report as a short list, for messages. */
  static List<String> quantities(CurvatureReport r) {
    return r.scalars().stringColumn("quantity").unique().asList();
  }
}
