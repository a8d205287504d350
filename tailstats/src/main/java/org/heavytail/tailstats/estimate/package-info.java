/**
 * Tail-index estimators: one immutable class per method implementing {@link
 * org.heavytail.tailstats.estimate.TailIndexEstimator}, each returning a {@link
 * org.heavytail.tailstats.estimate.TailIndexEstimate}.
 */
package org.heavytail.tailstats.estimate;
