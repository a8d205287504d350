package org.heavytail.trainer.store;

/**
 * One writer session of a store: a fresh run is segment 0, each resume adds one. A record of an
 * earlier segment at a step ≥ a later segment's {@code startStep} is superseded (the resumed run
 * recomputed that step).
 *
 * @param segment index, 0-based
 * @param startStep first step this session snapshots
 * @param started ISO-8601 time the session opened the store
 * @param closed ISO-8601 time it closed, or {@code null} when it did not close cleanly
 * @param written records written
 * @param droppedQueueFull records dropped because the queue was full (drop mode)
 * @param droppedStopped records refused after snapshotting stopped (budget or I/O failure)
 * @param valueBytes bytes of values written by this session
 * @param stopReason why snapshotting stopped early, or {@code null}
 */
public record StoreSegment(
    int segment,
    long startStep,
    String started,
    String closed,
    long written,
    long droppedQueueFull,
    long droppedStopped,
    long valueBytes,
    String stopReason) {}
