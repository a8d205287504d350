package org.heavytail.tailstats.estimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * McCulloch's (1986) quantile functionals of the standard S0 stable law S(α, β, 1, 0; 0),
 * computed by this project from {@code StableDistribution.quantile} (Nolan's integral CDF, Brent
 * root) on α = 0.5 + 0.0125·i (i = 0..120) and β = 0.05·j (j = 0..20), read from the resource
 * {@code mcculloch-table.tsv} beside this class. The resource is written by {@code
 * McCullochTableGenerator} (src/test/java; its javadoc has the command) and committed; do not
 * edit it by hand. Negative β follow by symmetry: ν_α and ν_c are even in β, ν_β and the S0
 * median odd.
 */
final class McCullochTable {

  static final double ALPHA_MIN = 0.5;
  static final double ALPHA_STEP = 0.0125;
  static final int ALPHA_COUNT = 121;
  static final double BETA_STEP = 0.05;
  static final int BETA_COUNT = 21;

  /** ν_α = (q.95 − q.05)/(q.75 − q.25), indexed [α][β]. */
  static final double[][] NU_ALPHA = new double[ALPHA_COUNT][BETA_COUNT];
  /** ν_β = (q.95 + q.05 − 2 q.50)/(q.95 − q.05), indexed [α][β]. */
  static final double[][] NU_BETA = new double[ALPHA_COUNT][BETA_COUNT];
  /** ν_c = q.75 − q.25 of the standard law (scale γ = IQR / ν_c), indexed [α][β]. */
  static final double[][] NU_C = new double[ALPHA_COUNT][BETA_COUNT];
  /** q.50 of the standard S0 law (δ₀ = median − γ · MEDIAN0), indexed [α][β]. */
  static final double[][] MEDIAN0 = new double[ALPHA_COUNT][BETA_COUNT];

  static final String RESOURCE = "mcculloch-table.tsv";

  static {
    try (InputStream in = McCullochTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("McCulloch table resource " + RESOURCE + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int rows = 0;
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("alpha")) {
          continue;
        }
        String[] t = line.split("\t");
        double alpha = Double.parseDouble(t[0]);
        double beta = Double.parseDouble(t[1]);
        int i = (int) Math.round((alpha - ALPHA_MIN) / ALPHA_STEP);
        int j = (int) Math.round(beta / BETA_STEP);
        NU_ALPHA[i][j] = Double.parseDouble(t[2]);
        NU_BETA[i][j] = Double.parseDouble(t[3]);
        NU_C[i][j] = Double.parseDouble(t[4]);
        MEDIAN0[i][j] = Double.parseDouble(t[5]);
        rows++;
      }
      if (rows != ALPHA_COUNT * BETA_COUNT) {
        throw new IllegalStateException(
            "McCulloch table " + RESOURCE + ": found " + rows + " rows, expected "
                + ALPHA_COUNT * BETA_COUNT);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private McCullochTable() {}
}
