package org.heavytail.trainer.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The {@code --device} choice: {@code auto} takes the first GPU when the engine sees one
 * ({@code Engine.getInstance().getGpuCount() > 0}) and otherwise the CPU, saying so once in the
 * log; {@code gpu} fails when none is visible; {@code cpu} is the CPU.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  private static final Logger LOG = LogManager.getLogger(DeviceChoice.class);

  /**
   * Parses {@code auto}, {@code cpu} or {@code gpu}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static DeviceChoice parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (DeviceChoice d : values()) {
      if (d.name().toLowerCase(Locale.ROOT).equals(n)) {
        return d;
      }
    }
    throw new IllegalArgumentException("device '" + name + "': expected auto, cpu or gpu");
  }

  /**
   * The device to train on.
   *
   * @throws IllegalStateException for {@code gpu} when the engine sees no GPU
   */
  public Device resolve() {
    int gpus = this == CPU ? 0 : Engine.getInstance().getGpuCount();
    switch (this) {
      case GPU:
        if (gpus == 0) {
          throw new IllegalStateException(
              "--device gpu: no GPU visible to the " + Engine.getInstance().getEngineName()
                  + " engine (the CPU build of libtorch is on the classpath, or no CUDA device);"
                  + " use --device cpu or auto");
        }
        return Device.gpu();
      case AUTO:
        if (gpus > 0) {
          return Device.gpu();
        }
        LOG.warn("no GPU visible, running on CPU");
        return Device.cpu();
      default:
        return Device.cpu();
    }
  }
}
