/**
 * Sweeps on Apache Spark: {@link org.heavytail.sweep.spark.SparkSweep} runs a grid's points as
 * Spark tasks (one point per task); {@link org.heavytail.sweep.spark.BlockSumAggregator} merges
 * block-sum tail-index accumulators across partitions, so the tail index of a snapshot series
 * spread over executors is the single-machine estimate, not an average of per-partition ones.
 */
package org.heavytail.sweep.spark;
