package org.heavytail.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSpecTest {

  @Test
  void parsesMlpWithDimsAndActivation() {
    ModelSpec s = ModelSpec.parse("mlp:784-300-100-10:tanh:bias=false:init=xavier:scale=0.5");
    assertEquals(ModelSpec.Kind.MLP, s.kind());
    assertArrayEquals(new int[] {784, 300, 100, 10}, s.dims());
    assertEquals(Activation.TANH, s.activation());
    assertFalse(s.bias());
    assertEquals(InitScheme.XAVIER, s.init());
    assertEquals(0.5, s.scale());
  }

  @Test
  void widthAndDepthExpandToHiddenLayers() {
    assertArrayEquals(new int[] {784, 64, 64, 64, 10},
        ModelSpec.parse("mlp:784-10:width=64:depth=3").dims());
    ModelSpec fromData = ModelSpec.parse("mlp:width=32:depth=2");
    assertArrayEquals(new int[] {20, 32, 32, 3}, fromData.mlpSizes(20, 3));
  }

  @Test
  void defaultsPerKind() {
    assertEquals(InitScheme.HE, ModelSpec.parse("mlp").init());
    assertEquals(InitScheme.LECUN, ModelSpec.parse("mlp:linear").init());
    ModelSpec lin = ModelSpec.parse("linear");
    assertFalse(lin.bias());
    assertEquals(InitScheme.LECUN, lin.init());
    assertTrue(ModelSpec.parse("resnet20").bias());
    assertArrayEquals(new int[] {784, 300, 100, 10}, ModelSpec.parse("mlp").mlpSizes(784, 10));
  }

  @Test
  void toStringRoundTrips() {
    for (String s : new String[] {"mlp:784-300-100-10:relu", "mlp:width=8:depth=2:tanh", "lenet",
        "vgg-small:init=xavier", "resnet20", "linear:bias=true:scale=2"}) {
      ModelSpec a = ModelSpec.parse(s);
      assertEquals(a, ModelSpec.parse(a.toString()), s);
    }
  }

  @Test
  void badSpecsNameThePart() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("mlp:784-300:relux"));
    assertTrue(e.getMessage().contains("relux"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("alexnet"));
    assertTrue(e.getMessage().contains("alexnet") && e.getMessage().contains("resnet20"));
    e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("lenet:784-10"));
    assertTrue(e.getMessage().contains("only to mlp"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("mlp:scale=-1"));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelSpec.parse("mlp:784-300-10").mlpSizes(3072, 10));
    assertTrue(e.getMessage().contains("784") && e.getMessage().contains("3072"), e.getMessage());
  }
}
