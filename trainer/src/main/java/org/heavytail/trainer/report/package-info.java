/**
 * Reports: PNG figures drawn with XChart (offline, headless), Markdown documents with tables
 * rendered from Tablesaw, {@link org.heavytail.trainer.report.RowTable} (a list of records as a
 * Tablesaw table), and {@link org.heavytail.trainer.report.RunReport}, which turns a run
 * directory into {@code report.md} plus figures.
 */
package org.heavytail.trainer.report;
