package org.heavytail.datasets.folder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Builds small lossless test images, folders and archives. */
public final class FolderTestImages {
  private FolderTestImages() {}

  /** Red = 8x + k, green = 8y, blue = 255 - k at pixel (x, y); PNG is lossless. */
  public static BufferedImage pattern(int w, int h, int k) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (((8 * x + k) & 0xFF) << 16) | (((8 * y) & 0xFF) << 8) | (255 - k));
      }
    }
    return img;
  }

  /** PNG bytes of an image. */
  public static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bos);
    return bos.toByteArray();
  }

  /** Writes {@code dir/<split>/<class>/<name>.png} with pattern k. */
  public static Path writePng(Path dir, String split, String cls, String name, int w, int h,
      int k) throws IOException {
    Path p = dir.resolve(split).resolve(cls).resolve(name + ".png");
    Files.createDirectories(p.getParent());
    Files.write(p, png(pattern(w, h, k)));
    return p;
  }

  /**
   * A .tar.gz of entries name → bytes, written by hand in the POSIX ustar format (512-byte
   * header per entry, data padded to 512, two zero blocks at the end).
   */
  public static void writeTarGz(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] h = new byte[512];
        put(h, 0, e.getKey());
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", e.getValue().length));
        put(h, 136, String.format("%011o", 1_700_000_000L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
          sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(e.getValue());
        out.write(new byte[(512 - e.getValue().length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
