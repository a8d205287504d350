package org.heavytail.tailstats.estimate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.heavytail.tailstats.stable.Parameterization;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * Writes {@code mcculloch-table.tsv} (read by {@code McCullochTable}): the quantile functionals of McCulloch (1986) computed from
 * {@link StableDistribution#quantile(double)} of the standard S0 law S(α, β, 1, 0; 0) on the grid
 * α = 0.5, 0.5125, …, 2.0 and β = 0, 0.05, …, 1.
 *
 * <p>Run from the repository root (about 20 s on two loaded cores):
 *
 * <pre>
 * mvn -B -o -q -pl tailstats -am test-compile
 * java -cp tailstats/target/classes:tailstats/target/test-classes \
 *     org.heavytail.tailstats.estimate.McCullochTableGenerator \
 *     tailstats/src/main/resources/org/heavytail/tailstats/estimate/mcculloch-table.tsv
 * </pre>
 */
public final class McCullochTableGenerator {

  static final double ALPHA_MIN = 0.5;
  static final double ALPHA_STEP = 0.0125;
  static final int ALPHA_COUNT = 121;
  static final double BETA_STEP = 0.05;
  static final int BETA_COUNT = 21;

  private McCullochTableGenerator() {}

  public static void main(String[] args) throws IOException {
    double[][][] t = new double[4][ALPHA_COUNT][BETA_COUNT];
    IntStream.range(0, ALPHA_COUNT * BETA_COUNT)
        .parallel()
        .forEach(
            k -> {
              int i = k / BETA_COUNT;
              int j = k % BETA_COUNT;
              double alpha = ALPHA_MIN + i * ALPHA_STEP;
              double beta = j * BETA_STEP;
              StableDistribution d = StableDistribution.of(alpha, beta, 1, 0, Parameterization.S0);
              double q05 = d.quantile(0.05);
              double q25 = d.quantile(0.25);
              double q50 = d.quantile(0.50);
              double q75 = d.quantile(0.75);
              double q95 = d.quantile(0.95);
              t[0][i][j] = (q95 - q05) / (q75 - q25);
              t[1][i][j] = (q95 + q05 - 2 * q50) / (q95 - q05);
              t[2][i][j] = q75 - q25;
              t[3][i][j] = q50;
            });
    PrintStream out =
        args.length > 0
            ? new PrintStream(Files.newOutputStream(Path.of(args[0])), true, StandardCharsets.UTF_8)
            : System.out;
    out.println("# McCulloch (1986) quantile functionals of the standard S0 stable law S(alpha, beta, 1, 0; 0)");
    out.println("# from StableDistribution.quantile (Nolan integral CDF + Brent), written by");
    out.println("# org.heavytail.tailstats.estimate.McCullochTableGenerator (src/test/java). Do not edit.");
    out.println("# nu_alpha = (q95-q05)/(q75-q25); nu_beta = (q95+q05-2q50)/(q95-q05); nu_c = q75-q25; median0 = q50");
    out.println("alpha\tbeta\tnu_alpha\tnu_beta\tnu_c\tmedian0");
    for (int i = 0; i < ALPHA_COUNT; i++) {
      for (int j = 0; j < BETA_COUNT; j++) {
        out.println(
            String.format(
                Locale.ROOT,
                "%.4f\t%.2f\t%.17g\t%.17g\t%.17g\t%.17g",
                ALPHA_MIN + i * ALPHA_STEP, j * BETA_STEP,
                t[0][i][j], t[1][i][j], t[2][i][j], t[3][i][j]));
      }
    }
    out.flush();
  }
}
