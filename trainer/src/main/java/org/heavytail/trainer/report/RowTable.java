package org.heavytail.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} built from a list of rows (usually records), one column per accessor,
 * in the order the columns are added:
 *
 * <pre>{@code
 * Table t = RowTable.of("points", points)
 *     .addInt("batch", Point::batch)
 *     .addDouble("eta", Point::eta)
 *     .addString("status", Point::status)
 *     .build();
 * }</pre>
 *
 * <p>Contract: column {@code j} of the result holds {@code f_j(row_i)} in row {@code i}, for the
 * rows in list order; the rows are read when a column is added, so later changes to the list do
 * not reach columns already added. Column names must be unique (Tablesaw rejects duplicates); a
 * NaN double is Tablesaw's missing value.
 *
 * @param <T> the row type
 */
public final class RowTable<T> {
  private final String name;
  private final List<T> rows;
  private final List<Column<?>> columns = new ArrayList<>();

  private RowTable(String name, List<T> rows) {
    this.name = Objects.requireNonNull(name, "name");
    this.rows = List.copyOf(rows);
  }

  /** A table named {@code name} over {@code rows}, with no columns yet. */
  public static <T> RowTable<T> of(String name, List<T> rows) {
    return new RowTable<>(name, rows);
  }

  /** Adds an int column. */
  public RowTable<T> addInt(String column, ToIntFunction<? super T> value) {
    columns.add(IntColumn.create(column, rows.stream().mapToInt(value).toArray()));
    return this;
  }

  /** Adds a long column. */
  public RowTable<T> addLong(String column, ToLongFunction<? super T> value) {
    columns.add(LongColumn.create(column, rows.stream().mapToLong(value).toArray()));
    return this;
  }

  /** Adds a double column. */
  public RowTable<T> addDouble(String column, ToDoubleFunction<? super T> value) {
    columns.add(DoubleColumn.create(column, rows.stream().mapToDouble(value).toArray()));
    return this;
  }

  /** Adds a string column. */
  public RowTable<T> addString(String column, Function<? super T, String> value) {
    columns.add(StringColumn.create(column, rows.stream().map(value).toList()));
    return this;
  }

  /** The table with the columns added so far. */
  public Table build() {
    return Table.create(name, columns.toArray(new Column<?>[0]));
  }
}
