package org.graphfit.aggregator;

/** The role of a factor in a fit. */
public enum FactorKind {
  /** The only factor of a single search: the fit's model and analysis. */
  FIT,
  /** A factor with data: an analysis of the graph. */
  LIKELIHOOD,
  /** A hierarchical factor: a parent distribution and the parameters drawn from it. */
  HIERARCHY,
  /** A prior factor of expectation propagation (one per free parameter). */
  PRIOR
}
