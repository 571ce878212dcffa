/**
 * Expectation propagation (EP) on a {@link org.graphfit.graph.FactorGraph}.
 *
 * <p>Every free parameter of the graph is a variable whose approximate posterior is a Gaussian in
 * the prior's latent space ({@link org.graphfit.prior.Prior#toLatent(double)}), so bounded
 * parameters are never moment-matched in physical space. The approximation is a {@link
 * org.graphfit.ep.MeanField}: a product of one {@link org.graphfit.ep.GaussianMessage} per factor
 * and variable. The factors are
 *
 * <ul>
 *   <li>one prior factor per variable that is not one analysis factor's own, its latent prior
 *       density, updated by exact 1-D quadrature (a variable of one analysis factor and no
 *       hierarchy has its prior inside that factor's fit);
 *   <li>one factor per {@link org.graphfit.graph.AnalysisFactor}, updated by a Laplace
 *       approximation of likelihood times cavity in latent space, checked against that tilted
 *       density by importance sampling and replaced by a sampler where it misses mass ({@link
 *       org.graphfit.ep.LaplaceMismatch}), or by a sampler whose prior is the cavity;
 *   <li>one small factor per parameter drawn by a {@link org.graphfit.graph.HierarchicalFactor},
 *       over that parameter (a drawn relation's free leaves) and the parent's hyper-parameters,
 *       updated by deterministic adaptive Gauss–Hermite quadrature; after the fit a {@code
 *       HierarchyCheck} compares EP's independent Gaussians for a non-Gaussian parent's
 *       hyper-parameters with their posterior given the drawn parameters' messages.
 * </ul>
 *
 * <p>Where every factor of a variable was fitted by sampling, the result also gives the variable's
 * {@link org.graphfit.ep.CorrectedMarginal}, the prior times each factor's estimated tilted
 * marginal over its cavity, which captures what a Gaussian cannot (several modes, skew).
 *
 * <p>EP converges when every factor is within its tolerance of its undamped update, or, with
 * sampled factors, within the noise floor their samplers explain ({@link
 * org.graphfit.ep.Convergence}); results say whether they can be trusted ({@link
 * org.graphfit.ep.EpResult#concerns()}, with {@code org.graphfit.search.Check}) and keep their
 * history on disk or within a memory budget.
 *
 * <p>A sweep's updates run on a {@link org.graphfit.ep.FactorExecutor}: local threads, or other
 * JVMs, which rebuild analysis factors from their {@link org.graphfit.ep.PortableFactor} form and
 * send the samples an update kept in the state's own {@link org.graphfit.ep.SamplesFormat}.
 *
 * <p>With an output folder an EP fit writes a folder per analysis factor ({@link
 * org.graphfit.ep.FactorOutput}), calls its {@link org.graphfit.ep.EpHooks} and the {@link
 * org.graphfit.ep.EpReportWriter} found on the class path, before its manifest.
 *
 * <p>Start with {@link org.graphfit.ep.ExpectationPropagation}; {@code docs/ep.md} describes the
 * algorithm. This package depends on {@code prior}, {@code model}, {@code analysis}, {@code graph},
 * {@code search} (with {@code search.optimize} for the Laplace path and {@code search.nested} for
 * the default fallback sampler), and writes its folders through {@code search}'s {@link
 * org.graphfit.search.Storage} and {@link org.graphfit.search.FitStore}, which {@code output}
 * implements, never through {@code output} itself; pictures of its results live in module {@code
 * plot} ({@code ConvergencePlot}).
 */
package org.graphfit.ep;
