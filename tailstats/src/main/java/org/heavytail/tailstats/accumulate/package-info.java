/**
 * Mergeable accumulators in the create / accept / combine style of Apache Commons Statistics:
 * feed samples piece by piece (a training hook, step by step), from several threads or machines,
 * and combine the partial states into the state of the whole stream.
 */
package org.heavytail.tailstats.accumulate;
