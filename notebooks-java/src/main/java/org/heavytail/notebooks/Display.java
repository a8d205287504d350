package org.heavytail.notebooks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Inline output for notebook cells: {@code Display.show(chart)} renders an XChart chart or a
 * {@link BufferedImage} as an embedded PNG ({@code image/png}, base64, no network), and a Tablesaw
 * {@link Table} as HTML and plain text. In a running kernel the output goes to the notebook; under
 * the notebook runner it goes to the runner's sink, which writes it into the notebook's outputs.
 */
public final class Display {
  private static volatile Consumer<Map<String, String>> sink;

  private Display() {}

  /** Shows {@code value} inline: a chart, an image, a table, or its {@code toString()}. */
  public static void show(Object value) {
    Map<String, String> bundle = mimeBundle(value);
    Consumer<Map<String, String>> s = sink;
    if (s != null) {
      s.accept(bundle);
    } else {
      // in a notebook cell JVM: hand the bundle to the kernel or runner as one marked line
      try {
        System.out.println(MARKER + JSON.writeValueAsString(bundle));
        System.out.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Prefix of the stdout line that carries one display bundle as JSON from a cell JVM. */
  public static final String MARKER = "\u001e@heavytail-display ";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The display bundle carried by {@code line}, or null when it is ordinary output. */
  public static Map<String, String> parseMarkerLine(String line) {
    if (!line.startsWith(MARKER)) {
      return null;
    }
    try {
      return JSON.readValue(line.substring(MARKER.length()).strip(),
          new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {});
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * Routes displays to {@code newSink} in this JVM; returns the previous sink. With no sink (in a
   * notebook cell JVM), {@link #show} writes the bundle to standard output as one {@link #MARKER}
   * line, which the kernel or runner turns back into a display.
   */
  public static Consumer<Map<String, String>> setSink(Consumer<Map<String, String>> newSink) {
    Consumer<Map<String, String>> old = sink;
    sink = newSink;
    return old;
  }

  /**
   * The MIME bundle for {@code value}: {@code image/png} (base64) for charts and images, {@code
   * text/html} for tables, and always {@code text/plain}.
   */
  public static Map<String, String> mimeBundle(Object value) {
    Map<String, String> d = new LinkedHashMap<>();
    if (value instanceof Chart<?, ?> chart) {
      d.put("image/png", pngBase64(BitmapEncoder.getBufferedImage(chart)));
      String title = chart.getTitle();
      d.put("text/plain", title == null || title.isEmpty() ? "[chart]" : "[chart] " + title);
    } else if (value instanceof BufferedImage img) {
      d.put("image/png", pngBase64(img));
      d.put("text/plain", "[image " + img.getWidth() + "x" + img.getHeight() + "]");
    } else if (value instanceof Table t) {
      d.put("text/html", html(t));
      d.put("text/plain", t.printAll());
    } else {
      d.put("text/plain", String.valueOf(value));
    }
    return d;
  }

  private static String pngBase64(BufferedImage img) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(img, "png", out);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String html(Table t) {
    StringBuilder sb = new StringBuilder("<table><thead><tr>");
    for (String c : t.columnNames()) {
      sb.append("<th>").append(escape(c)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    int rows = Math.min(t.rowCount(), 200);
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int c = 0; c < t.columnCount(); c++) {
        sb.append("<td>").append(escape(t.getString(r, c))).append("</td>");
      }
      sb.append("</tr>");
    }
    return sb.append("</tbody></table>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

}
