package org.heavytail.tailstats.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.CharacteristicFunctionEstimator;
import org.heavytail.tailstats.estimate.HillEstimator;
import org.heavytail.tailstats.estimate.TailIndexEstimate;
import org.heavytail.tailstats.estimate.TailIndexEstimator;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * The accuracy study behind the tolerances of the estimator tests: for α ∈ {0.8, 1.2, 1.5, 1.8,
 * 2.0} and seeds 1..S (default 20), n (default 10⁶) SαS(α, 1) samples from the project's
 * sampler; per estimator the mean error, the spread (sd) over seeds, the largest |error|, and how
 * many 95% intervals covered α. Prints a markdown table.
 *
 * <p>Run: {@code java -cp ... org.heavytail.tailstats.bench.EstimatorAccuracyStudy [n] [seeds]}
 */
public final class EstimatorAccuracyStudy {

  private EstimatorAccuracyStudy() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean hill = args.length <= 2 || !args[2].equals("nohill");
    List<Supplier<TailIndexEstimator>> ests = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    labels.add("block-sum grid median (bootstrap CI)");
    ests.add(BlockSumEstimator::of);
    labels.add("block-sum Şimşekli m (asymptotic CI)");
    ests.add(BlockSumEstimator::simsekli);
    labels.add("block-sum m = 1000 (asymptotic CI)");
    ests.add(() -> BlockSumEstimator.of(1000));
    labels.add("charfn (batch-means CI)");
    ests.add(CharacteristicFunctionEstimator::of);
    if (hill) {
      labels.add("hill double bootstrap (asymptotic CI)");
      ests.add(HillEstimator::doubleBootstrap);
    }
    System.out.printf(Locale.ROOT, "n = %d, %d seeds per alpha%n%n", n, seeds);
    System.out.println("| estimator | α | mean error | sd over seeds | max abs error | CI covers"
        + " | mean CI width |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    double[] alphas = {0.8, 1.2, 1.5, 1.8, 2.0};
    float[][] data = new float[seeds][n];
    for (double alpha : alphas) {
      for (int s = 0; s < seeds; s++) {
        StableDistribution.symmetric(alpha, 1).fill(s + 1L, data[s]);
      }
      for (int e = 0; e < ests.size(); e++) {
        double sum = 0;
        double sum2 = 0;
        double max = 0;
        double width = 0;
        int cover = 0;
        for (int s = 0; s < seeds; s++) {
          TailIndexEstimate r = ests.get(e).get().estimate(data[s]);
          double err = r.alpha() - alpha;
          sum += err;
          sum2 += err * err;
          max = Math.max(max, Math.abs(err));
          width += r.ciHigh() - r.ciLow();
          cover += r.ciLow() <= alpha && alpha <= r.ciHigh() ? 1 : 0;
        }
        double mean = sum / seeds;
        double sd = Math.sqrt((sum2 - seeds * mean * mean) / (seeds - 1));
        System.out.printf(Locale.ROOT, "| %s | %.1f | %+.4f | %.4f | %.4f | %d/%d | %.4f |%n",
            labels.get(e), alpha, mean, sd, max, cover, seeds, width / seeds);
      }
    }
  }
}
