/**
 * Non-linear searches and what they share: the {@link org.graphfit.search.SearchProblem} every
 * search samples or optimises (priors plus a failure-safe likelihood), and the {@link
 * org.graphfit.search.TaskRunner} that evaluates likelihoods on several threads with results that
 * do not depend on the thread count; the analysis's derived quantities computed at every sample
 * ({@link org.graphfit.search.DerivedSamples}) and the passing of a result's posterior on as
 * priors ({@link org.graphfit.search.PriorPassing}). Sub-packages hold the algorithms.
 */
package org.graphfit.search;
