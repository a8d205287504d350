package org.heavytail.datasets.folder;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.heavytail.datasets.DataFormatException;
import org.heavytail.datasets.ImageBytes;

/**
 * The image-folder layout: {@code <split>/<class>/<image>}, one sub-folder per class, images
 * in any format ImageIO reads ({@code .jpg}, {@code .jpeg}, {@code .png}, {@code .bmp}, {@code
 * .gif}). Read from a directory tree or straight from a {@code .tar.gz} archive of such a tree.
 *
 * <p>Class index: the position of the folder name in a fixed class list when one is given (for
 * CIFAR-10, {@link #CIFAR10_CLASSES}), else the alphabetical position among the class folders
 * found. Within a class, images are taken in file-name order. Decoding runs in parallel (common
 * fork-join pool); each image must be exactly {@code height × width}, else a
 * {@link DataFormatException} names the file, its size and the expected one. Pixels are stored
 * as unsigned bytes, channel planes (C, H, W); with one channel a colour image is reduced to
 * luma 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), with three a grey image is replicated.
 */
public final class ImageFolder {

  /** CIFAR-10's class order (index 0..9), as in the release's {@code batches.meta.txt}. */
  public static final List<String> CIFAR10_CLASSES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
          "truck");

  private static final List<String> EXTENSIONS =
      List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

  private final List<String> classes;
  private final int channels;
  private final int height;
  private final int width;

  private ImageFolder(List<String> classes, int channels, int height, int width) {
    this.classes = classes == null ? null : List.copyOf(classes);
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * A reader for images of shape (channels, height, width).
   *
   * @param classes the fixed class order, or null for alphabetical order of the folders found
   * @param channels 1 (grey) or 3 (RGB)
   */
  public static ImageFolder of(List<String> classes, int channels, int height, int width) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels " + channels + ": expected 1 or 3");
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image size " + height + "×" + width + ": expected positive sides");
    }
    return new ImageFolder(classes, channels, height, width);
  }

  /** The CIFAR-10 reader: fixed class order, 3 × 32 × 32. */
  public static ImageFolder cifar10() {
    return of(CIFAR10_CLASSES, 3, 32, 32);
  }

  /** Whether {@code splitDir} has at least one class folder. */
  public static boolean isPresent(Path splitDir) {
    if (!Files.isDirectory(splitDir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(splitDir)) {
      return s.anyMatch(Files::isDirectory);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads {@code splitDir/<class>/<image>}.
   *
   * @throws DataFormatException on an unknown class folder, an undecodable image or a wrong size
   */
  public ImageBytes read(Path splitDir) throws IOException {
    Map<String, List<Path>> byClass = new TreeMap<>();
    try (Stream<Path> s = Files.list(splitDir)) {
      for (Path c : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
        try (Stream<Path> f = Files.list(c)) {
          byClass.put(
              c.getFileName().toString(),
              f.filter(p -> isImage(p.getFileName().toString()))
                  .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                  .toList());
        }
      }
    }
    Map<String, Integer> index = classIndex(splitDir, byClass.keySet());
    List<Source> sources = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : orderByIndex(byClass, index).entrySet()) {
      for (Path p : e.getValue()) {
        sources.add(new Source(p, index.get(e.getKey()), null));
      }
    }
    return decodeAll(sources);
  }

  /**
   * Reads every split found in a {@code .tar.gz} of the layout: entries {@code
   * [prefix/]<split>/<class>/<image>}. Returns split name (e.g. {@code train}, {@code test}) to
   * images; image bytes are held in memory, then decoded in parallel.
   *
   * @throws DataFormatException on an unknown class folder, an undecodable image or a wrong size
   */
  public Map<String, ImageBytes> readArchive(Path tarGz) throws IOException {
    // split -> class -> (entry name -> bytes), names sorted
    Map<String, Map<String, TreeMap<String, byte[]>>> tree = new TreeMap<>();
    try (InputStream fin = new java.io.BufferedInputStream(Files.newInputStream(tarGz), 1 << 16);
        GzipCompressorInputStream gz = new GzipCompressorInputStream(fin, true);
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile() || !isImage(entry.getName())) {
          continue;
        }
        String[] parts = Paths.get(entry.getName()).normalize().toString().split("/");
        if (parts.length < 3) {
          continue;
        }
        String split = parts[parts.length - 3];
        String cls = parts[parts.length - 2];
        byte[] bytes = tar.readNBytes((int) entry.getSize());
        if (bytes.length != entry.getSize()) {
          throw new DataFormatException(
              tarGz.resolve(entry.getName()), -1, "archive entry", "ends after " + bytes.length
                  + " bytes", entry.getSize() + " bytes as declared in the tar header");
        }
        tree.computeIfAbsent(split, k -> new TreeMap<>())
            .computeIfAbsent(cls, k -> new TreeMap<>())
            .put(entry.getName(), bytes);
      }
    } catch (java.io.EOFException e) {
      throw new DataFormatException(
          tarGz, -1, "gzip/tar stream", "ends early (" + e.getMessage() + ")",
          "a complete .tar.gz archive");
    }
    Map<String, ImageBytes> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, TreeMap<String, byte[]>>> s : tree.entrySet()) {
      Path splitPath = tarGz.resolve(s.getKey());
      Map<String, Integer> index = classIndex(splitPath, s.getValue().keySet());
      List<Source> sources = new ArrayList<>();
      for (Map.Entry<String, TreeMap<String, byte[]>> c :
          orderByIndex(s.getValue(), index).entrySet()) {
        for (Map.Entry<String, byte[]> img : c.getValue().entrySet()) {
          sources.add(new Source(tarGz.resolve(img.getKey()), index.get(c.getKey()),
              img.getValue()));
        }
      }
      out.put(s.getKey(), decodeAll(sources));
    }
    return out;
  }

  /** The class list in index order: the fixed list, or the sorted names found. */
  public List<String> classes(java.util.Collection<String> found) {
    return classes != null ? classes : found.stream().sorted().toList();
  }

  private Map<String, Integer> classIndex(Path where, java.util.Collection<String> found)
      throws DataFormatException {
    Map<String, Integer> index = new TreeMap<>();
    List<String> order = classes(found);
    for (String c : found) {
      int k = order.indexOf(c);
      if (k < 0) {
        throw new DataFormatException(
            where.resolve(c), -1, "class folder", "'" + c + "' is not a known class",
            "one of " + order);
      }
      index.put(c, k);
    }
    return index;
  }

  private static <V> Map<String, V> orderByIndex(Map<String, V> byClass,
      Map<String, Integer> index) {
    Map<String, V> out = new LinkedHashMap<>();
    byClass.keySet().stream()
        .sorted(Comparator.comparing(index::get))
        .forEach(k -> out.put(k, byClass.get(k)));
    return out;
  }

  private record Source(Path path, int label, byte[] bytes) {}

  private ImageBytes decodeAll(List<Source> sources) throws IOException {
    int n = sources.size();
    int per = channels * height * width;
    byte[] pixels = new byte[Math.multiplyExact(n, per)];
    int[] labels = new int[n];
    // a progress bar for long decodes, only on a terminal
    ProgressBar bar = n >= 5000 && System.console() != null
        ? new ProgressBarBuilder().setTaskName("decoding images").setInitialMax(n)
            .setStyle(ProgressBarStyle.ASCII).build()
        : null;
    try {
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                Source s = sources.get(i);
                labels[i] = s.label();
                try {
                  byte[] bytes = s.bytes() != null ? s.bytes() : Files.readAllBytes(s.path());
                  decodeInto(s.path(), bytes, pixels, i * per);
                  if (bar != null) {
                    bar.step();
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    int numClasses = classes != null ? classes.size()
        : (int) Arrays.stream(labels).max().orElse(-1) + 1;
    return new ImageBytes(pixels, labels, new long[] {channels, height, width}, numClasses);
  }

  private static final ThreadLocal<ImageReader> JPEG =
      ThreadLocal.withInitial(() -> ImageIO.getImageReadersByFormatName("jpeg").next());

  /** Decodes one image into {@code out[offset ..]} as (C, H, W) bytes. */
  void decodeInto(Path name, byte[] bytes, byte[] out, int offset) throws IOException {
    BufferedImage img;
    try {
      img = decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new DataFormatException(
          name, -1, "image data", "cannot be decoded (" + e.getMessage() + ")",
          "a readable " + String.join("/", EXTENSIONS) + " image");
    }
    if (img == null) {
      throw new DataFormatException(
          name, -1, "image data", "no ImageIO reader recognises it", "a readable image");
    }
    if (img.getHeight() != height || img.getWidth() != width) {
      throw new DataFormatException(
          name, -1, "image size", img.getWidth() + "×" + img.getHeight() + " (width×height)",
          width + "×" + height);
    }
    int plane = height * width;
    Raster r = img.getRaster();
    boolean grey = r.getNumBands() == 1;
    if (grey) {
      int[] g = r.getSamples(0, 0, width, height, 0, (int[]) null);
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          out[offset + c * plane + p] = (byte) g[p];
        }
      }
      return;
    }
    int[] rgb = img.getRGB(0, 0, width, height, null, 0, width);
    for (int p = 0; p < plane; p++) {
      int v = rgb[p];
      int red = (v >> 16) & 0xFF;
      int green = (v >> 8) & 0xFF;
      int blue = v & 0xFF;
      if (channels == 3) {
        out[offset + p] = (byte) red;
        out[offset + plane + p] = (byte) green;
        out[offset + 2 * plane + p] = (byte) blue;
      } else {
        out[offset + p] = (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
      }
    }
  }

  private static BufferedImage decode(byte[] bytes) throws IOException {
    boolean jpeg = bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
    try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      if (jpeg) {
        ImageReader reader = JPEG.get();
        try {
          reader.setInput(iis, true, true);
          return reader.read(0);
        } finally {
          reader.setInput(null);
        }
      }
      Iterator<ImageReader> it = ImageIO.getImageReaders(iis);
      if (!it.hasNext()) {
        return null;
      }
      ImageReader reader = it.next();
      try {
        reader.setInput(iis, true, true);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }

  private static boolean isImage(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String e : EXTENSIONS) {
      if (n.endsWith(e)) {
        return true;
      }
    }
    return false;
  }
}
