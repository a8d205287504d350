/** Benchmark mains (not unit tests); results are recorded in benchmarks/trainer.md. */
package org.heavytail.trainer.bench;
