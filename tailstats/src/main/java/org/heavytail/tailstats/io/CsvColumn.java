package org.heavytail.tailstats.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one numeric column of a comma-separated file whose first line names the columns. Fields
 * may be wrapped in double quotes (no embedded commas). Empty lines are skipped; an empty or
 * non-numeric field is an error naming the file, line and column ({@code nan}, {@code inf} parse
 * as such and are left for the estimators to refuse).
 */
public final class CsvColumn {

  private CsvColumn() {}

  /** Reads column {@code name} of {@code path} as doubles, in file order. */
  public static double[] read(Path path, String name) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String head = r.readLine();
      if (head == null) {
        throw new IOException(path + ": CSV file is empty; expected a header line naming columns");
      }
      String[] names = split(head);
      int col = -1;
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          col = i;
          break;
        }
      }
      if (col < 0) {
        throw new IOException(path + ": CSV has no column '" + name + "'; columns are "
            + Arrays.toString(names));
      }
      double[] out = new double[1024];
      int n = 0;
      int lineNo = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = split(line);
        if (col >= f.length || f[col].isEmpty()) {
          throw new IOException(path + ":" + lineNo + ": column '" + name + "' is empty");
        }
        double v;
        try {
          v = parse(f[col]);
        } catch (NumberFormatException e) {
          throw new IOException(path + ":" + lineNo + ": column '" + name + "' value '" + f[col]
              + "' is not a number", e);
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = v;
      }
      return Arrays.copyOf(out, n);
    }
  }

  private static double parse(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "+inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  private static String[] split(String line) {
    String[] f = line.split(",", -1);
    for (int i = 0; i < f.length; i++) {
      String t = f[i].trim();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      f[i] = t;
    }
    return f;
  }
}
