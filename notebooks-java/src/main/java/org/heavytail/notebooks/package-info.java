/**
 * Java notebooks for heavytail: a JShell evaluator shared by the Jupyter kernel ({@link
 * org.heavytail.notebooks.kernel.HeavytailKernel}) and the notebook runner that executes every
 * notebook of {@code notebooks-java/} in the test suite, and {@link
 * org.heavytail.notebooks.Display} for inline figures and tables.
 */
package org.heavytail.notebooks;
