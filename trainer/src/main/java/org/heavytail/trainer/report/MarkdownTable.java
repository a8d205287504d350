package org.heavytail.trainer.report;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as a GitHub-flavoured Markdown table. Doubles are printed with
 * {@code digits} significant decimals ({@code %.Ng}-like but never in exponent form for values in
 * [1e-3, 1e6)), NaN as "–", and missing values as empty cells.
 */
public final class MarkdownTable {

  private MarkdownTable() {}

  /** The table with doubles to 4 significant digits. */
  public static String of(Table table) {
    return of(table, 4);
  }

  /** The table with doubles to {@code digits} significant digits. */
  public static String of(Table table, int digits) {
    if (digits < 1) {
      throw new IllegalArgumentException("digits: expected >= 1, got " + digits);
    }
    StringBuilder sb = new StringBuilder();
    sb.append('|');
    for (String name : table.columnNames()) {
      sb.append(' ').append(name).append(" |");
    }
    sb.append("\n|");
    for (Column<?> c : table.columns()) {
      boolean numeric = c.type() != ColumnType.STRING
          && c.type() != ColumnType.BOOLEAN;
      sb.append(numeric ? " ---: |" : " --- |");
    }
    sb.append('\n');
    for (Row row : table) {
      sb.append('|');
      for (Column<?> c : table.columns()) {
        String cell;
        if (c.isMissing(row.getRowNumber())) {
          cell = "";
        } else if (c.type() == ColumnType.DOUBLE) {
          cell = formatDouble(row.getDouble(c.name()), digits);
        } else if (c.type() == ColumnType.FLOAT) {
          cell = formatDouble(row.getFloat(c.name()), digits);
        } else {
          cell = c.getString(row.getRowNumber());
        }
        sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** {@code v} to {@code digits} significant digits, plain notation in [1e-3, 1e6). */
  public static String formatDouble(double v, int digits) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
    java.math.BigDecimal bd = new java.math.BigDecimal(v)
        .round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
    return bd.stripTrailingZeros().toPlainString();
  }
}
