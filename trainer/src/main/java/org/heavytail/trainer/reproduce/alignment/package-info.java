/**
 * Reproduction {@code alignment} (Wu, Wang &amp; Su, "The alignment property of SGD noise and how
 * it helps select flat minima: a stability analysis", NeurIPS 2022; SCIENCE.md §3 and §4.4):
 * with square loss the SGD noise covariance Σ is aligned with the Hessian H and scaled by the
 * loss L, measured by μ = Tr(ΣH) / (2L‖H‖_F²); a global minimum that is linearly stable for SGD
 * with learning rate η and batch size B satisfies ‖H‖_F ≤ √(B/μ)/η, so the dimensionless
 * η‖H‖_F/√B stays below 1/√μ over a grid of (η, B).
 */
package org.heavytail.trainer.reproduce.alignment;
