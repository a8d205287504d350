package org.heavytail.tailstats.bench;

import java.util.Locale;
import org.heavytail.tailstats.stable.StableDistribution;

/**
 * Prints "x f(x)" for S(1.5, 0) at the 1,000 benchmark points, for the accuracy comparison in
 * {@code benchmarks/stable_scipy.py}.
 */
public final class StablePdfDump {

  private StablePdfDump() {}

  public static void main(String[] args) {
    StableDistribution law = StableDistribution.symmetric(1.5, 1);
    for (int i = 0; i < StableBenchmark.PDF_POINTS; i++) {
      double x = -20 + 40.0 * i / StableBenchmark.PDF_POINTS;
      System.out.println(String.format(Locale.ROOT, "%.17g %.17g", x, law.pdf(x)));
    }
  }
}
