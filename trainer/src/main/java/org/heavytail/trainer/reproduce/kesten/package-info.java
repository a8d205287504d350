/**
 * The Kesten regime of SGD on Gaussian linear regression (Gürbüzbalaban, Şimşekli &amp; Zhu, ICML
 * 2021; Hodgkinson &amp; Mahoney, ICML 2021): the exact tail index from the moment equation
 * ({@link org.heavytail.trainer.reproduce.kesten.KestenMomentEquation}), many independent SGD
 * chains ({@link org.heavytail.trainer.reproduce.kesten.KestenChains}) and the reproduction
 * comparing the two ({@link org.heavytail.trainer.reproduce.kesten.KestenReproduction}).
 */
package org.heavytail.trainer.reproduce.kesten;
