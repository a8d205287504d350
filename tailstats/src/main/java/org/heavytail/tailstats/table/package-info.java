/**
 * Tablesaw integration: aggregate functions for {@code table.summarize(...).by(...)} and result
 * tables with one row per group ({@link org.heavytail.tailstats.table.TailIndex}).
 */
package org.heavytail.tailstats.table;
