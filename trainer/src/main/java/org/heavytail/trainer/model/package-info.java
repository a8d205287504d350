/**
 * Models of the heavytail experiments as DJL blocks, built from a small textual {@link
 * org.heavytail.trainer.model.ModelSpec}: MLPs (ReLU, tanh or linear activations), LeNet-5,
 * a small VGG-style CNN, ResNet-20, and the linear model; their seeded initialisation and the
 * losses (cross-entropy, square loss on one-hot targets) with per-example values.
 */
package org.heavytail.trainer.model;
