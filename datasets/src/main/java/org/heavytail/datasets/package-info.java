/**
 * Data sets for heavytail: readers for the standard distribution formats (IDX, CIFAR-10 binary,
 * image folders), synthetic sets for the theory experiments, location resolution, and adapters
 * to DJL {@code Dataset}s. Knows nothing of training or statistics: files in, arrays out.
 */
package org.heavytail.datasets;
