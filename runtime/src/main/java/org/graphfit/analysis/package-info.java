/**
 * What a user supplies about data: the {@link org.graphfit.analysis.Analysis} (a log-likelihood,
 * the {@link org.graphfit.analysis.DataIdentity} of its data, which enters every fit's identifier,
 * and the {@link org.graphfit.analysis.DerivedQuantity derived quantities} reported after a fit)
 * and datasets read from PyAutoFit's JSON files, validated on load. Depends on {@code log} and
 * Jackson.
 */
package org.graphfit.analysis;
