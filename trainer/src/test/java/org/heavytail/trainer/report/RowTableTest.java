package org.heavytail.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class RowTableTest {
  record Row(int b, long step, double eta, String status) {}

  @Test
  void columnsHoldEachAccessorOfEachRowInOrderWithTheirTypes() {
    List<Row> rows = new ArrayList<>(List.of(new Row(8, 100L, 0.05, "ok"),
        new Row(32, 3_000_000_000L, Double.NaN, "diverged")));
    Table t = RowTable.of("points", rows).addInt("batch", Row::b).addLong("step", Row::step)
        .addDouble("eta", Row::eta).addString("status", Row::status).build();
    rows.clear();
    assertEquals("points", t.name());
    assertEquals(List.of("batch", "step", "eta", "status"), t.columnNames());
    assertEquals(List.of(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE,
        ColumnType.STRING), t.types());
    assertEquals(2, t.rowCount());
    assertEquals(32, t.intColumn("batch").get(1));
    assertEquals(3_000_000_000L, t.longColumn("step").get(1));
    assertEquals(0.05, t.doubleColumn("eta").get(0), 0.0);
    assertTrue(t.doubleColumn("eta").isMissing(1)); // NaN is Tablesaw's missing double
    assertEquals("diverged", t.stringColumn("status").get(1));
  }

  @Test
  void aDuplicateColumnNameIsRejected() {
    RowTable<Row> t = RowTable.of("t", List.of(new Row(1, 1, 1, "a")))
        .addInt("x", Row::b).addInt("x", Row::b);
    assertThrows(IllegalArgumentException.class, t::build);
  }
}
