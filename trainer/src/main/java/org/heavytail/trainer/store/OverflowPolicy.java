package org.heavytail.trainer.store;

/** What {@link SnapshotWriter#submit} does when the writer's bounded queue is full. */
public enum OverflowPolicy {
  /** Wait until the writer has made room (back-pressure on training); nothing is lost. */
  BLOCK,
  /** Drop the record at once and write a manifest line with {@code dropped = 1} for it. */
  DROP
}
