/**
 * What a user supplies about data: the {@link org.graphfit.analysis.Analysis} (a log-likelihood)
 * and datasets read from PyAutoFit's JSON files, validated on load. Depends on Jackson.
 */
package org.graphfit.analysis;
