/** The image-folder layout {@code <split>/<class>/<image>}, from a directory or a .tar.gz. */
package org.heavytail.datasets.folder;
