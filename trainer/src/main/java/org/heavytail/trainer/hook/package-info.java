/**
 * Training listeners that measure what SCIENCE.md §1 defines, cheaply enough for every step:
 *
 * <ul>
 *   <li>{@link org.heavytail.trainer.hook.TensorSnapshotHook}: gradient g_B(θ_k), weight θ_{k+1}
 *       and update Δθ_k of chosen layers every k steps into the snapshot store;
 *   <li>{@link org.heavytail.trainer.hook.NoiseProbeHook}: the Şimşekli, Sagun and Gürbüzbalaban
 *       (2019) gradient-noise probe U_B = g_B(θ) − g(θ) at frozen θ over many disjoint
 *       minibatches, and the running-estimate variant U ≈ g_B − moving average;
 *   <li>{@link org.heavytail.trainer.hook.OnlineStatsHook}: per-layer norms, cosine of
 *       consecutive gradients, running gradient-noise variance and tail-index trackers, one CSV
 *       row per (step, layer), no raw tensors.
 * </ul>
 *
 * <p>{@link org.heavytail.trainer.hook.SnapshotHooks} builds them from one configuration and
 * records in the run directory what was taken.
 */
package org.heavytail.trainer.hook;
