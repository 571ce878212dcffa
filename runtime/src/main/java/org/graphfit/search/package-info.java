/**
 * Non-linear searches and what they share: the {@link org.graphfit.search.SearchProblem} every
 * search samples or optimises (priors plus a failure-safe likelihood), and the {@link
 * org.graphfit.search.TaskRunner} that evaluates likelihoods on several threads with results that
 * do not depend on the thread count. Sub-packages hold the algorithms.
 */
package org.graphfit.search;
