package org.heavytail.trainer.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

  @Test
  void parsesTheThreeChoices() {
    assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
    assertEquals(DeviceChoice.CPU, DeviceChoice.parse("CPU"));
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse(" gpu "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("cuda"));
    assertTrue(e.getMessage().contains("'cuda'") && e.getMessage().contains("auto, cpu or gpu"));
  }

  @Test
  void autoFollowsTheEngineAndGpuFailsClearlyWithoutOne() {
    assertEquals(Device.cpu(), DeviceChoice.CPU.resolve());
    if (Engine.getInstance().getGpuCount() == 0) {
      assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve());
      IllegalStateException e = assertThrows(IllegalStateException.class, DeviceChoice.GPU::resolve);
      assertTrue(e.getMessage().startsWith("--device gpu: no GPU visible"), e.getMessage());
    } else {
      assertEquals(Device.gpu(), DeviceChoice.AUTO.resolve());
      assertEquals(Device.gpu(), DeviceChoice.GPU.resolve());
    }
  }
}
