package org.graphfit.aggregator;

/** What wrote a fit folder. */
public enum FitKind {
  /** One search of one model and analysis ({@code org.graphfit.search.NonLinearSearch}). */
  SEARCH,
  /** One search of a whole factor graph: the joint fit of several analyses. */
  GRAPH,
  /** Expectation propagation over a factor graph ({@code org.graphfit.ep}). */
  EP
}
