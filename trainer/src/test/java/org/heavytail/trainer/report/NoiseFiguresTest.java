package org.heavytail.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.heavytail.tailstats.stable.StableDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseFiguresTest {

  @TempDir Path dir;

  @Test
  void writesReadablePngsForAStableSample() throws Exception {
    StableDistribution law = StableDistribution.symmetric(1.5, 1.0);
    double[] d = law.sample(7L, 20_000);
    float[] x = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      x[i] = (float) d[i];
    }
    for (Path p : new Path[] {
        NoiseFigures.tail(x, law, "tail", dir.resolve("tail.png")),
        NoiseFigures.histogram(x, law, "hist", dir.resolve("hist")),
        NoiseFigures.qq(x, law, "qq", dir.resolve("qq.png"))}) {
      assertTrue(p.toString().endsWith(".png"), p.toString());
      BufferedImage img = ImageIO.read(p.toFile());
      assertEquals(Figures.WIDTH, img.getWidth());
      assertEquals(Figures.HEIGHT, img.getHeight());
    }
  }

  /** The IQR of N(0, σ²) is 2 · 0.6745 σ, so iqrSigma recovers σ. */
  @Test
  void iqrSigmaRecoversGaussianScale() {
    double[] g = StableDistribution.symmetric(2, 3.0 / Math.sqrt(2)).sample(3L, 200_000);
    java.util.Arrays.sort(g);
    assertEquals(3.0, NoiseFigures.iqrSigma(g), 0.03);
  }
}
