/**
 * The heavytail Jupyter kernel: Java cells evaluated by JShell in the kernel's JVM, with
 * heavytail and its dependencies on the classpath from the start (no magics, no downloads). The
 * Jupyter wire protocol comes from {@code org.dflib.jjava:jjava-jupyter}.
 */
package org.heavytail.notebooks.kernel;
