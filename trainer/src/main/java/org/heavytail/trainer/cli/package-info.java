/**
 * The {@code heavytail} command line (picocli). Each command parses flags, builds a config record
 * and calls one library method: no logic lives here, so notebooks and tests call the same code.
 */
package org.heavytail.trainer.cli;
