/**
 * Factor graphs: {@link org.graphfit.graph.AnalysisFactor}s (a model and the analysis of one
 * dataset), {@link org.graphfit.graph.HierarchicalFactor}s (parameters drawn from a fitted parent
 * distribution) and the {@link org.graphfit.graph.FactorGraph} that joins them through shared
 * parameters and fits them jointly with any search. Depends on {@code model}, {@code analysis} and
 * {@code search}.
 */
package org.graphfit.graph;
