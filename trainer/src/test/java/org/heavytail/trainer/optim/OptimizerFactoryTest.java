package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OptimizerFactoryTest {
  static final List<String> BUILT_IN =
      List.of("adagrad", "adam", "adamw", "diffgrad", "momentum", "nesterov", "newton",
          "noisy-sgd", "rmsprop", "sgd");

  @Test
  void allBuiltInsAreRegistered() {
    assertTrue(OptimizerFactory.available().keySet().containsAll(BUILT_IN),
        OptimizerFactory.available().keySet().toString());
  }

  @Test
  void eachFactoryCreatesAnOptimizerOfItsName() {
    for (String name : BUILT_IN) {
      OptimizerOptions o =
          name.equals("noisy-sgd") ? SgdTest.opts("lr", "0.1", "sigma", "0.1")
              : SgdTest.opts("lr", "0.1");
      assertEquals(name, OptimizerFactory.forName(name).create(o).name(), name);
    }
  }

  /** The documented default η of each built-in (javadoc of its factory). */
  static final Map<String, Double> DEFAULT_LR = Map.of(
      "sgd", 0.1, "momentum", 0.01, "nesterov", 0.01, "adam", 1e-3, "adamw", 1e-3,
      "diffgrad", 2e-3, "rmsprop", 1e-2, "adagrad", 1e-2, "newton", 1.0, "noisy-sgd", 0.1);

  @Test
  void eachBuiltInHasItsOwnDefaultLearningRateUsedWhenLrIsAbsent() {
    assertEquals(new TreeSet<>(BUILT_IN), new TreeSet<>(DEFAULT_LR.keySet()));
    for (String name : BUILT_IN) {
      OptimizerFactory f = OptimizerFactory.forName(name);
      assertEquals(DEFAULT_LR.get(name), f.defaultLearningRate(), 0.0, name);
      OptimizerOptions o = name.equals("noisy-sgd") ? SgdTest.opts("sigma", "0.1") : SgdTest.opts();
      AbstractOptimizer opt = (AbstractOptimizer) f.create(o);
      assertEquals(f.defaultLearningRate(), opt.schedule().learningRate(0), 0.0, name);
      assertEquals(f.defaultLearningRate(), opt.schedule().learningRate(1000), 0.0, name);
      // an explicit lr still wins
      OptimizerOptions withLr = o.with("lr", 0.0625);
      assertEquals(0.0625, ((AbstractOptimizer) f.create(withLr)).schedule().learningRate(0), 0.0,
          name);
    }
  }

  @Test
  void aUserFactoryWithoutADefaultReportsNaN() {
    assertTrue(Double.isNaN(OptimizerFactory.forName("test-signsgd").defaultLearningRate()));
  }

  @Test
  void customOptimizerDefinedOnlyInTestSourcesIsFoundByName() {
    Optimizer opt = OptimizerFactory.forName("test-signsgd").create(SgdTest.opts("lr", "0.25"));
    assertEquals("test-signsgd", opt.name());
    try (Fixture f = new Fixture().param("w", new double[] {1, 2, 3}, 3)) {
      f.grad(0, new double[] {-5, 0.001, 0});
      opt.update(f.context(0));
      Fixture.assertClose(new double[] {1.25, 1.75, 3}, f.weight(0), 1e-7, "signsgd");
    }
  }

  @Test
  void unknownNameListsTheAvailableNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OptimizerFactory.forName("adamm"));
    assertTrue(e.getMessage().contains("'adamm'"), e.getMessage());
    for (String name : BUILT_IN) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
    assertTrue(e.getMessage().contains("test-signsgd"), e.getMessage());
  }

  @Test
  void unknownOptionKeyIsNamedWithTheAcceptedKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> OptimizerFactory.forName("momentum").create(
                SgdTest.opts("lr", "0.1", "momentun", "0.9")));
    assertTrue(e.getMessage().contains("momentun") && e.getMessage().contains("momentum"),
        e.getMessage());
  }

  @Test
  void badValuesAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> OptimizerFactory.forName("adam").create(SgdTest.opts("beta1", "1.0")));
    assertTrue(e.getMessage().contains("beta1") && e.getMessage().contains("1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Sgd.builder().build());
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OptimizerFactory.forName("sgd").create(SgdTest.opts("lr", "fast")));
    assertTrue(e.getMessage().contains("fast"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OptimizerFactory.forName("noisy-sgd").create(
            SgdTest.opts("lr", "0.1", "sigma", "1", "noise", "stable")));
    assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> OptimizerFactory.forName("noisy-sgd").create(
            SgdTest.opts("lr", "0.1", "sigma", "1", "noise", "stable", "alpha", "2.5")));
    assertTrue(e.getMessage().contains("2.5"), e.getMessage());
  }
}
