package org.heavytail.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.heavytail.datasets.ArrayData;
import org.heavytail.datasets.DataLocation;
import org.heavytail.datasets.DataSetId;
import org.heavytail.datasets.DataSets;
import org.heavytail.datasets.Split;
import org.heavytail.trainer.loop.TrainConfig;
import org.heavytail.trainer.loop.TrainResult;
import org.heavytail.trainer.loop.Training;

/**
 * Learning-rate sweep on a validation split carved from the MNIST training set, for choosing an
 * optimizer's default η without looking at the test set: trains the default MLP for one epoch on
 * the first {@code 60000 − H} training examples and reports the accuracy on the last {@code H}
 * (the test split is never loaded). Everything else is {@code heavytail train}'s default
 * (standardised by the training part's mean/std, b = 128, one epoch, drop-last).
 *
 * <p>Usage: {@code ValidationSweep OPTIMIZER LR[,LR...] SEED[,SEED...] [HOLDOUT=10000]}; prints
 * one line per run and one summary line (mean, min, max) per learning rate. The system property
 * {@code sweep.model} (a model spec, default {@code mlp}) compares model defaults such as the
 * init scheme the same way. Results are recorded in benchmarks/optim.md.
 */
public final class ValidationSweep {
  private ValidationSweep() {}

  /** Examples {@code [from, to)} of {@code d} (a copy). */
  static ArrayData slice(ArrayData d, int from, int to) {
    int per = d.exampleSize();
    return new ArrayData(
        Arrays.copyOfRange(d.features(), from * per, to * per),
        Arrays.copyOfRange(d.labels(), from, to),
        new float[0], d.exampleShape().clone(), d.numClasses());
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ValidationSweep OPTIMIZER LR[,LR...] SEED[,SEED...] [HOLDOUT]");
      System.exit(2);
    }
    String optimizer = args[0];
    double[] lrs = Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray();
    long[] seeds = Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
    int holdout = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    String model = System.getProperty("sweep.model", "mlp");
    ArrayData all = DataSets.load(DataSetId.MNIST, Split.TRAIN, DataLocation.defaults());
    int n = all.size() - holdout;
    ArrayData train = slice(all, 0, n);
    ArrayData validation = slice(all, n, all.size());
    Path tmp = Files.createTempDirectory("validation-sweep");
    for (double lr : lrs) {
      List<Double> acc = new ArrayList<>();
      for (long seed : seeds) {
        TrainConfig c = TrainConfig.builder().setModel(model).setOptimizer(optimizer)
            .setLearningRate(lr)
            .optSeed(seed).setEpochs(1).optCheckpointEvery(0).optProgress(false)
            .optOut(tmp.resolve(optimizer + "-" + lr + "-" + seed)).build();
        TrainResult r = Training.run(c, train, validation, List.of());
        acc.add(r.finalTestAccuracy());
        System.out.printf(Locale.ROOT,
            "%s %s lr=%g seed=%d train=%d validation=%d steps=%d acc=%.4f%n",
            model, optimizer, lr, seed, n, holdout, r.steps(), r.finalTestAccuracy());
      }
      System.out.printf(Locale.ROOT, "SUMMARY %s %s lr=%g seeds=%s mean=%.4f min=%.4f max=%.4f%n",
          model, optimizer, lr, Arrays.toString(seeds),
          acc.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
          acc.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
          acc.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
  }
}
