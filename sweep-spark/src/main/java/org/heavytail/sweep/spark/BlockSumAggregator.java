package org.heavytail.sweep.spark;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.heavytail.tailstats.accumulate.BlockSumAccumulator;
import org.heavytail.tailstats.estimate.BlockSumEstimator;

/**
 * The block-sum tail index (Mohammadi, Mohammadpour &amp; Ogata 2015; SCIENCE.md §2) of a value
 * series held as {@link ValueChunk} rows across partitions: each partition feeds its chunks into a
 * {@link BlockSumAccumulator} ({@code reduce}), partitions' accumulators are combined ({@code
 * merge}), and {@code finish} returns the estimator's α̂ (median over block sizes of 1/α̂_m =
 * mean(Z_j)/ln m). When every chunk but the last holds whole superblocks ({@link
 * ValueChunk#split}), the merged state holds the same blocks as one accumulator fed the whole
 * series, and since α̂ uses only sums over blocks, the result equals the single-machine α̂ up to
 * the re-association of double sums, whatever the partitioning or merge order.
 */
public final class BlockSumAggregator extends Aggregator<ValueChunk, BlockSumAccumulator, Double> {
  private static final long serialVersionUID = 1L;

  private final int[] blockSizes;

  private BlockSumAggregator(int[] blockSizes) {
    this.blockSizes = blockSizes.clone();
  }

  /** Over the estimator's default block sizes ({@link BlockSumAccumulator#DEFAULT_GRID}). */
  public static BlockSumAggregator of() {
    return new BlockSumAggregator(BlockSumAccumulator.DEFAULT_GRID);
  }

  /** Over the given block sizes. */
  public static BlockSumAggregator of(int... blockSizes) {
    return new BlockSumAggregator(blockSizes);
  }

  /** Superblock length of the accumulators: chunk boundaries must fall on multiples of it. */
  public int superblockLength() {
    return zero().superblockLength();
  }

  @Override
  public BlockSumAccumulator zero() {
    return BlockSumAccumulator.create(blockSizes);
  }

  @Override
  public BlockSumAccumulator reduce(BlockSumAccumulator acc, ValueChunk chunk) {
    return acc.accept(chunk.getValues());
  }

  @Override
  public BlockSumAccumulator merge(BlockSumAccumulator a, BlockSumAccumulator b) {
    return a.combine(b);
  }

  @Override
  public Double finish(BlockSumAccumulator acc) {
    return BlockSumEstimator.of(blockSizes).estimate(acc).alpha();
  }

  @Override
  public Encoder<BlockSumAccumulator> bufferEncoder() {
    return Encoders.kryo(BlockSumAccumulator.class);
  }

  @Override
  public Encoder<Double> outputEncoder() {
    return Encoders.DOUBLE();
  }
}
