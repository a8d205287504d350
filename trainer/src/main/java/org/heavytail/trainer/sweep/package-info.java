/**
 * Parameter sweeps: a grid file ({@link org.heavytail.trainer.sweep.SweepGrid}) names a base
 * training config and axes; {@link org.heavytail.trainer.sweep.Sweep} expands it to points, runs
 * each as a trainer run in {@code DIR/points/<id>} (in this JVM or in child JVMs), skips points
 * with a final status on a rerun, and merges the per-point summaries into {@code sweep.csv} with
 * one figure per swept axis ({@link org.heavytail.trainer.sweep.SweepTable}).
 */
package org.heavytail.trainer.sweep;
