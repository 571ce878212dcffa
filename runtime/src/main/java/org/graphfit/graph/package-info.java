/**
 * Factor graphs: {@link org.graphfit.graph.AnalysisFactor}s (a model and the analysis of one
 * dataset), {@link org.graphfit.graph.HierarchicalFactor}s (parameters drawn from a fitted parent
 * distribution) and the {@link org.graphfit.graph.FactorGraph} that joins them through shared
 * parameters and fits them jointly with any search. A factor's {@link
 * org.graphfit.graph.FactorIdentity} says what it is independently of its graph (model structure,
 * data identity, own search), for caches keyed by factor. Depends on {@code model}, {@code
 * analysis} and {@code search}.
 */
package org.graphfit.graph;
