package org.heavytail.trainer.reproduce;

import java.util.Map;
import java.util.function.Supplier;
import org.heavytail.tailstats.estimate.BlockSumEstimator;
import org.heavytail.tailstats.estimate.HillEstimator;
import org.heavytail.trainer.reproduce.alignment.AlignmentReproduction;
import org.heavytail.trainer.reproduce.hessianspectrum.HessianSpectrumReproduction;
import org.heavytail.trainer.reproduce.kesten.KestenReproduction;
import org.heavytail.trainer.reproduce.optimizers.OptimizersReproduction;
import org.heavytail.trainer.reproduce.sgdnoise.SgdNoiseReproduction;
import org.heavytail.trainer.reproduce.weights.WeightsReproduction;

/**
 * Where each implemented reproduction is wired with its default estimators: Hill with k = 1% of
 * the sample as the tail estimator on independent chains, the block-sum grid median beside it.
 */
final class ReproductionCatalog {

  /** Hill's k as a fraction of the sample (SCIENCE.md §4.1: "Hill at k = 1%"). */
  static final double HILL_FRACTION = 0.01;

  private ReproductionCatalog() {}

  static void register(Map<String, Supplier<Reproduction>> known) {
    known.put("kesten", () -> new KestenReproduction(
        n -> HillEstimator.ofFraction(HILL_FRACTION), BlockSumEstimator.of()));
    known.put("optimizers", () -> new OptimizersReproduction(
        n -> HillEstimator.ofFraction(HILL_FRACTION)));
    known.put("sgd-noise", SgdNoiseReproduction::new);
    known.put("weights", WeightsReproduction::new);
    known.put("alignment", AlignmentReproduction::new);
    known.put("hessian-spectrum", HessianSpectrumReproduction::new);
  }
}
