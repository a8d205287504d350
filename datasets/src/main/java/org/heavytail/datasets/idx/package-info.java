/**
 * The IDX format (LeCun &amp; Cortes, "The MNIST database of handwritten digits"): a validating
 * reader for gzipped or raw files, and the four-file MNIST layout shared by Fashion-MNIST.
 */
package org.heavytail.datasets.idx;
