/**
 * What a user supplies about data: the {@link org.graphfit.analysis.Analysis} (a log-likelihood,
 * the {@link org.graphfit.analysis.DataIdentity} of its data, which enters every fit's identifier,
 * and the {@link org.graphfit.analysis.DerivedQuantity derived quantities} reported after a fit)
 * and datasets read from PyAutoFit's JSON files, validated on load; the hooks a fit with an output
 * folder calls ({@link org.graphfit.analysis.Analysis#saveData}, {@link
 * org.graphfit.analysis.Analysis#visualize} at a {@link org.graphfit.analysis.FitStage}), the
 * {@link org.graphfit.analysis.FitPaths} they write to (implemented by {@code output}) and the
 * {@link org.graphfit.analysis.HookLog} that keeps a failing hook from ending a fit. Depends on
 * {@code log} and Jackson.
 */
package org.graphfit.analysis;
