/**
 * Factor graphs: {@link org.graphfit.graph.AnalysisFactor}s (a model and the analysis of one
 * dataset), {@link org.graphfit.graph.HierarchicalFactor}s (parameters drawn from a fitted parent
 * distribution: {@link org.graphfit.graph.GaussianParent}, {@link
 * org.graphfit.graph.LogGaussianParent}, {@link org.graphfit.graph.TruncatedGaussianParent} or any
 * {@link org.graphfit.graph.ParentDistribution}) and the {@link org.graphfit.graph.FactorGraph}
 * that joins them through shared parameters and fits them jointly with any search. A factor's
 * {@link org.graphfit.graph.FactorIdentity} says what it is independently of its graph (model
 * structure, data identity, own search), for caches keyed by factor. A joint fit with an output
 * folder writes one folder per factor ({@code factors/<name>/}: the joint fit's values of its
 * parameters) and calls each factor's hooks there, then the graph's {@link
 * org.graphfit.graph.GraphHooks} and the {@link org.graphfit.graph.GraphReportWriter} found on the
 * class path. The joint analysis audits every joint run ({@link org.graphfit.search.RunAudit}): it
 * climbs each factor alone and then the joint likelihood, and a maximum far above the run's best
 * sample fails {@link org.graphfit.search.Check#MISSED_LIKELIHOOD}. Depends on {@code model},
 * {@code analysis}, {@code search} and the local optimiser of {@code search.optimize}.
 */
package org.graphfit.graph;
