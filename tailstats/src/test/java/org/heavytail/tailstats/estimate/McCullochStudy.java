package org.heavytail.tailstats.estimate;

import java.util.Locale;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * Accuracy study of {@link McCullochEstimator} on symmetric α-stable samples (γ = 1, δ = 0):
 * for each α and seed, n samples from {@link StableDistribution#fill(long, float[])} with seed =
 * 1000·α·10 + s. Prints per α the mean error, its standard deviation over seeds, the largest
 * absolute error, the mean reported standard error and the coverage of the 95% interval.
 *
 * <pre>
 * mvn -B -o -q -pl tailstats -am test-compile
 * java -cp tailstats/target/classes:tailstats/target/test-classes \
 *     org.heavytail.tailstats.estimate.McCullochStudy [n=1000000] [seeds=20]
 * </pre>
 */
public final class McCullochStudy {

  private McCullochStudy() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    double[] alphas = {0.8, 1.2, 1.5, 1.8, 2.0};
    McCullochEstimator est = McCullochEstimator.of();
    float[] x = new float[n];
    System.out.printf(Locale.ROOT, "n = %d, %d seeds, SaS(alpha, 1)%n", n, seeds);
    System.out.println("| alpha | mean err | sd err | max abs err | mean se | 95% CI coverage | mean |beta^| |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (double a : alphas) {
      StableDistribution d = StableDistribution.symmetric(a, 1);
      double sum = 0;
      double sum2 = 0;
      double maxAbs = 0;
      double seSum = 0;
      int covered = 0;
      double betaAbs = 0;
      for (int s = 0; s < seeds; s++) {
        d.fill(Math.round(a * 10) * 1000L + s, x);
        TailIndexEstimate e = est.estimate(x);
        double err = e.alpha() - a;
        sum += err;
        sum2 += err * err;
        maxAbs = Math.max(maxAbs, Math.abs(err));
        seSum += (double) e.parameters().get("alpha_std_error");
        if (e.ciLow() <= a && a <= e.ciHigh()) {
          covered++;
        }
        betaAbs += Math.abs((double) e.parameters().get("beta"));
      }
      double mean = sum / seeds;
      double sd = Math.sqrt(Math.max(0, (sum2 - seeds * mean * mean) / (seeds - 1)));
      System.out.printf(
          Locale.ROOT,
          "| %.1f | %+.5f | %.5f | %.5f | %.5f | %d/%d | %.3f |%n",
          a, mean, sd, maxAbs, seSum / seeds, covered, seeds, betaAbs / seeds);
    }
  }
}
