/**
 * tailstats: the α-stable law and tail-index estimators as plain Java numerics plus Tablesaw.
 * Knows nothing of DJL, training or data sets: arrays and tables in, immutable results out.
 */
package org.heavytail.tailstats;
