/**
 * Synthetic sets for the theory experiments: Gaussian linear regression and the double-well
 * toy landscape, each generated from a seed.
 */
package org.heavytail.datasets.synthetic;
