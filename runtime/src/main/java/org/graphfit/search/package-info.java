/**
 * Non-linear searches and what they share: the {@link org.graphfit.search.SearchProblem} every
 * search samples or optimises (priors plus a failure-safe likelihood), and the {@link
 * org.graphfit.search.TaskRunner} that evaluates likelihoods on several threads with results that
 * do not depend on the thread count; the analysis's derived quantities computed at every sample
 * ({@link org.graphfit.search.DerivedSamples}) and the passing of a result's posterior on as priors
 * ({@link org.graphfit.search.PriorPassing}); and reading a posterior through the model rather than
 * by position, {@link org.graphfit.search.Posterior} and its {@link
 * org.graphfit.search.ParameterSummary}, which results of every kind implement. Every fit goes
 * through {@link org.graphfit.search.NonLinearSearch}; the built-in searches (in the sub-packages)
 * are {@link org.graphfit.search.ProblemSearch}es, which run on any problem, each an {@link
 * org.graphfit.search.EngineSearch} of its engine's settings, and share, through the options of
 * their {@link org.graphfit.search.SearchBuilder}, the threads, an output folder, the analysis's
 * hooks (during the fit off the search's threads) and the {@link org.graphfit.search.ReportWriter}
 * found on the class path; an analysis that also saves its result implements {@link
 * org.graphfit.search.ResultSaver}, and one that audits each finished run before its result is
 * built (a factor graph's joint analysis does) implements {@link org.graphfit.search.RunAudit}.
 * What fits store is declared here and implemented by {@code output}: {@link
 * org.graphfit.search.CheckpointStore}, a search's {@link org.graphfit.search.SearchFolder}, and
 * the {@link org.graphfit.search.FitStore} that expectation propagation writes through, opened by
 * the {@link org.graphfit.search.Storage} that also writes files atomically (both found with {@link
 * java.util.ServiceLoader}). {@link org.graphfit.search.SummaryText} lays out the {@code
 * model.results}-style text of every result.
 */
package org.graphfit.search;
