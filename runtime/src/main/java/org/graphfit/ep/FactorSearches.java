package org.graphfit.ep;

import org.graphfit.graph.AnalysisFactor;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.ProblemSearch;

/**
 * Which searches expectation propagation can run on a factor's tilted distribution: any {@link
 * ProblemSearch} (the built-in nested sampling, ensemble MCMC and optimization, or one's own) that
 * writes no output folder of its own. EP runs it reseeded for each update ({@link
 * ProblemSearch#withSeed(long)}) on the search's own threads, with its settings; it writes each
 * factor's output below EP's own folder instead. Other searches are refused when the fit is built,
 * with a message naming the factor and what to pass instead.
 */
final class FactorSearches {
  private FactorSearches() {}

  /**
   * The factor's own search, checked.
   *
   * @param name the factor's name
   * @param factor the analysis factor
   * @return its search, or null if it has none
   * @throws IllegalArgumentException if EP cannot run its search
   */
  static ProblemSearch own(String name, AnalysisFactor<?> factor) {
    NonLinearSearch search = factor.search().orElse(null);
    if (search == null) {
      return null;
    }
    if (!(search instanceof ProblemSearch problemSearch)) {
      throw new IllegalArgumentException(
          "factor "
              + name
              + " has its own search of type "
              + search.getClass().getName()
              + ", which expectation propagation cannot run on the factor's tilted distribution"
              + " (it only fits a model to an analysis): give the factor a ProblemSearch, such as"
              + " NestedSampling.builder()...build(), EnsembleMcmc or Optimization, or no search"
              + " of its own to use EP's sampler or its Laplace fit");
    }
    return withoutOutput(problemSearch, "the own search of factor " + name);
  }

  /**
   * A search EP runs, checked to write no output folder of its own.
   *
   * @param search the search
   * @param what what the search is, for the message, e.g. {@code the sampler}
   * @return the search
   * @throws IllegalArgumentException if the search writes an output folder
   */
  static ProblemSearch withoutOutput(ProblemSearch search, String what) {
    if (search.options().writesOutput()) {
      throw new IllegalArgumentException(
          what
              + " writes an output folder ("
              + search.options().outputRoot().resolve(search.options().outputName())
              + "), but expectation propagation runs it once per update on the factor's tilted"
              + " distribution, not on the factor's model and analysis: build it without"
              + " output(...); EP writes every factor's folder below its own output"
              + " (ExpectationPropagation.Builder.output), and keepSearchOutput(true) keeps the"
              + " search's last samples there");
    }
    return search;
  }
}
