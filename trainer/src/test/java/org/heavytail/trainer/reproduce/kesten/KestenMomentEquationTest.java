package org.heavytail.trainer.reproduce.kesten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KestenMomentEquationTest {

  /** SCIENCE.md §4, table of d = 1 check values (rows b = 1, 2, 5; columns η = 0.5, 1.0, 1.5). */
  @Test
  void exactAlphaMatchesCheckValues() {
    int[] batches = {1, 2, 5};
    double[] etas = {0.5, 1.0, 1.5};
    double[][] expected = {{2.904, 1.091, 0.477}, {5.379, 2.000, 0.915}, {12.22, 4.199, 1.769}};
    for (int i = 0; i < batches.length; i++) {
      for (int j = 0; j < etas.length; j++) {
        double alpha = KestenMomentEquation.exactAlpha(etas[j], batches[i]);
        // the table is rounded to 3 decimals (4 significant digits for 12.22)
        double tol = expected[i][j] > 10 ? 5e-3 : 1e-3;
        assertEquals(expected[i][j], alpha, tol, "b=" + batches[i] + " eta=" + etas[j]);
      }
    }
  }

  @Test
  void alphaIsTwoAtCriticalStepSize() {
    for (int b : new int[] {1, 2, 3, 5, 8, 16}) {
      double eta = KestenMomentEquation.criticalStepSize(b);
      assertEquals(2.0 * b / (b + 2.0), eta, 0.0);
      assertEquals(2.0, KestenMomentEquation.exactAlpha(eta, b), 1e-8, "b=" + b);
    }
  }

  /** Closed forms: E(1 − cχ²_b) = 1 − cb, E(1 − cχ²_b)² = 1 − 2cb + c²(b² + 2b), α=0 gives 1. */
  @Test
  void momentMatchesClosedFormsAtIntegerOrders() {
    for (int b : new int[] {1, 2, 7}) {
      for (double eta : new double[] {0.3, 1.0, 2.5}) {
        double c = eta / b;
        assertEquals(1.0, KestenMomentEquation.moment(eta, b, 0.0), 1e-12);
        assertEquals(1 - 2 * c * b + c * c * (b * b + 2.0 * b),
            KestenMomentEquation.moment(eta, b, 2.0), 1e-11, "b=" + b + " eta=" + eta);
        // E(1 - cX)^4 = sum_k C(4,k) (-c)^k E X^k, E X^k = b(b+2)...(b+2k-2)
        double m4 = 0;
        double ex = 1;
        int[] binom = {1, 4, 6, 4, 1};
        for (int k = 0; k <= 4; k++) {
          m4 += binom[k] * Math.pow(-c, k) * ex;
          ex *= b + 2.0 * k;
        }
        assertEquals(m4, KestenMomentEquation.moment(eta, b, 4.0), 1e-10 * Math.max(1, m4));
      }
    }
  }

  @Test
  void alphaFallsWithStepSizeAndRisesWithBatch() {
    double[] etas = {0.4, 0.8, 1.2, 1.6};
    int[] batches = {1, 2, 4, 8};
    for (int b : batches) {
      double previous = Double.POSITIVE_INFINITY;
      for (double eta : etas) {
        double a = KestenMomentEquation.exactAlpha(eta, b);
        assertTrue(a < previous, "alpha should fall with eta at b=" + b + ": " + a);
        previous = a;
      }
    }
    for (double eta : etas) {
      double previous = 0;
      for (int b : batches) {
        double a = KestenMomentEquation.exactAlpha(eta, b);
        assertTrue(a > previous, "alpha should rise with b at eta=" + eta + ": " + a);
        previous = a;
      }
    }
  }

  @Test
  void rejectsDivergentAndInvalidInput() {
    // eta = 4, b = 1: E log|1 - 4 chi2_1| > 0, so no stationary law
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KestenMomentEquation.exactAlpha(4.0, 1));
    assertTrue(e.getMessage().contains("eta=4.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KestenMomentEquation.exactAlpha(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> KestenMomentEquation.exactAlpha(1, 0));
    assertThrows(IllegalArgumentException.class, () -> KestenMomentEquation.moment(1, 1, -1));
  }
}
