/**
 * CIFAR-10 (Krizhevsky 2009): the binary release format, and loading from the binary files, an
 * image folder, or a JPEG archive decoded once into a binary cache.
 */
package org.heavytail.datasets.cifar;
