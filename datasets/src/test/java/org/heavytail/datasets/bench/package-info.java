/** Load-time benchmarks (mains, not unit tests); results in benchmarks/datasets.md. */
package org.heavytail.datasets.bench;
