/**
 * One-command reproductions of published heavy-tail results ({@code heavytail reproduce NAME}).
 * Each {@link org.heavytail.trainer.reproduce.Reproduction} writes CSV tables, PNG figures and a
 * {@code report.md} stating the published claim, what was measured and a {@link
 * org.heavytail.trainer.reproduce.Verdict}.
 */
package org.heavytail.trainer.reproduce;
