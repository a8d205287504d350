package org.heavytail.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        () -> OptimizerFactory.forName("sgd").create(SgdTest.opts()));
    assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
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
