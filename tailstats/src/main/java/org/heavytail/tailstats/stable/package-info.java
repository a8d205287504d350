/**
 * The α-stable law: {@link org.heavytail.tailstats.stable.StableDistribution} (sampler,
 * characteristic function, density, distribution function, quantile) in either of Nolan's
 * parameterizations {@link org.heavytail.tailstats.stable.Parameterization#S0} and {@link
 * org.heavytail.tailstats.stable.Parameterization#S1}.
 *
 * <p>Sources: J. M. Chambers, C. L. Mallows and B. W. Stuck (1976), "A method for simulating
 * stable random variables", JASA 71, 340–344, in the form of R. Weron (1996), "On the
 * Chambers–Mallows–Stuck method for simulating skewed stable random variables", Statist. Probab.
 * Lett. 28, 165–171; J. P. Nolan (1997), "Numerical calculation of stable densities and
 * distribution functions", Commun. Statist. Stochastic Models 13, 759–774; J. P. Nolan (2020),
 * "Univariate Stable Distributions", Springer, ch. 1 and 3.
 */
package org.heavytail.tailstats.stable;
