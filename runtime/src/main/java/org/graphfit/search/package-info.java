/**
 * Non-linear searches and what they share: the {@link org.graphfit.search.SearchProblem} every
 * search samples or optimises (priors plus a failure-safe likelihood), and the {@link
 * org.graphfit.search.TaskRunner} that evaluates likelihoods on several threads with results that
 * do not depend on the thread count; the analysis's derived quantities computed at every sample
 * ({@link org.graphfit.search.DerivedSamples}) and the passing of a result's posterior on as priors
 * ({@link org.graphfit.search.PriorPassing}); and reading a posterior through the model rather than
 * by position, {@link org.graphfit.search.Posterior} and its {@link
 * org.graphfit.search.ParameterSummary}, which results of every kind implement. {@link
 * org.graphfit.search.Search} runs an engine with an output folder, the analysis's hooks (during
 * the fit off the search's threads) and the {@link org.graphfit.search.ReportWriter} found on the
 * class path; an analysis that also saves its result implements {@link
 * org.graphfit.search.ResultSaver}. What fits store is declared here and implemented by {@code
 * output}: {@link org.graphfit.search.CheckpointStore}, the fit folder {@link
 * org.graphfit.search.FitStore} and the {@link org.graphfit.search.Storage} that opens it and
 * writes files atomically (found with {@link java.util.ServiceLoader}). {@link
 * org.graphfit.search.SummaryText} lays out the {@code model.results}-style text of every result.
 * Sub-packages hold the algorithms.
 */
package org.graphfit.search;
