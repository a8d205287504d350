/**
 * The notebook-sized facade over heavytail: {@link org.heavytail.trainer.run.Runs#train} and
 * {@link org.heavytail.trainer.run.Runs#open} give a {@link org.heavytail.trainer.run.Run} whose
 * tables, snapshot series and tail indices are one call away. It calls the same library methods
 * as the command line ({@code Training.run}, {@code SnapshotHooks}, {@code RunReport}).
 */
package org.heavytail.trainer.run;
