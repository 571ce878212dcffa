// Long because it is the read API of every sampled fit, each accessor documented, and carries its
// public Builder, each of whose options is documented; the summary text is ResultSummary's.
package org.graphfit.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;

/**
 * The typed result of a fit: the weighted samples, the instances they imply, the log evidence where
 * the search estimates it, diagnostics, the cost, and whether the search's self-checks found it
 * {@linkplain #trustworthy() trustworthy}. Read a parameter's posterior through the model, e.g.
 * {@code result.summary(model.centre()).atSigma(1)} or {@code result.median(model.gaussian())} (see
 * {@link Posterior}), rather than by its position in the samples' vectors.
 *
 * @param <T> the type of instance
 */
public final class Result<T> implements Posterior {
  private final String searchName;
  private final ModelLayout<T> layout;
  private final Samples samples;
  private final double logEvidence;
  private final double logEvidenceError;
  private final Map<String, Double> diagnostics;
  private final List<Concern> concerns;
  private final long likelihoodCalls;
  private final long failedCalls;
  private final String firstFailure;
  private final double seconds;
  private volatile Samples relationSamples;
  private volatile List<ParameterSummary> summaries;
  private final Samples derivedSamples;

  private Result(Builder<T> builder) {
    this.searchName = Objects.requireNonNull(builder.searchName, "searchName");
    this.layout = Objects.requireNonNull(builder.layout, "layout");
    this.samples = Objects.requireNonNull(builder.samples, "samples");
    this.logEvidence = builder.logEvidence;
    this.logEvidenceError = builder.logEvidenceError;
    this.diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(builder.diagnostics));
    this.concerns = List.copyOf(builder.concerns);
    this.likelihoodCalls = builder.likelihoodCalls;
    this.failedCalls = builder.failedCalls;
    this.firstFailure = builder.firstFailure;
    this.seconds = builder.seconds;
    this.derivedSamples = builder.derivedSamples;
  }

  /**
   * A builder for searches to fill.
   *
   * @param searchName the search's name, e.g. {@code NestedSampling}
   * @param layout the layout the samples' vectors follow
   * @param samples the samples
   * @param <T> the instance type
   * @return the builder
   */
  public static <T> Builder<T> builder(String searchName, ModelLayout<T> layout, Samples samples) {
    return new Builder<>(searchName, layout, samples);
  }

  /**
   * The name of the search that produced this result.
   *
   * @return the search name
   */
  public String searchName() {
    return searchName;
  }

  /**
   * The model layout the samples follow.
   *
   * @return the layout
   */
  public ModelLayout<T> layout() {
    return layout;
  }

  /**
   * The posterior samples.
   *
   * @return the samples
   */
  public Samples samples() {
    return samples;
  }

  /**
   * The instance of the sample with the highest likelihood.
   *
   * @return the instance
   */
  public T maxLogLikelihoodInstance() {
    return layout.instanceFromVector(samples.vector(samples.maxLogLikelihoodIndex()));
  }

  /**
   * The highest log-likelihood among the samples.
   *
   * @return the log-likelihood
   */
  public double maxLogLikelihood() {
    return samples.logLikelihood(samples.maxLogLikelihoodIndex());
  }

  /**
   * The instance at the marginal posterior medians.
   *
   * @return the instance
   */
  public T medianPdfInstance() {
    return layout.instanceFromVector(samples.median());
  }

  /**
   * The instance of any free-parameter vector.
   *
   * @param vector one value per free parameter
   * @return the instance
   */
  public T instance(double[] vector) {
    return layout.instanceFromVector(vector);
  }

  /**
   * The summaries of every free parameter, in free-parameter order, computed on first use.
   *
   * @return the summaries
   */
  @Override
  public List<ParameterSummary> summaries() {
    List<ParameterSummary> list = summaries;
    if (list == null) {
      double[] mean = samples.mean();
      double[] sd = samples.standardDeviation();
      double[] median = samples.median();
      double[] best = samples.vector(samples.maxLogLikelihoodIndex());
      ParameterSummary[] rows = new ParameterSummary[mean.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] =
            new SampledSummary(
                samples, i, samples.names().get(i), mean[i], sd[i], median[i], best[i]);
      }
      list = List.of(rows);
      summaries = list;
    }
    return list;
  }

  @Override
  public ParameterSummary summary(Parameter parameter) {
    int index = layout.indexOf(parameter);
    if (index < 0) {
      throw new IllegalArgumentException(
          parameter
              + " is not a free parameter of this fit (it is fixed, or belongs to another model);"
              + " the free parameters are "
              + layout.freeParameterPaths());
    }
    return summaries().get(index);
  }

  @Override
  public ParameterSummary summary(String path) {
    return summaries().get(indexOfPath(layout, path));
  }

  /**
   * The index of the free parameter with a path: its own path or any of its slot paths.
   *
   * @param layout the layout
   * @param path the path
   * @return the free-parameter index
   * @throws IllegalArgumentException if no free parameter has that path
   */
  static int indexOfPath(ModelLayout<?> layout, String path) {
    int index = layout.indexOfPath(path);
    if (index < 0) {
      throw new IllegalArgumentException(
          "no free parameter has the path '"
              + path
              + "'; the paths are "
              + layout.freeParameterPaths());
    }
    return index;
  }

  /**
   * The relations' values at every sample ({@link ModelLayout#derivedPaths()}), with the samples'
   * weights, likelihoods and priors: their posterior. Computed on first use.
   *
   * @return the derived samples, or empty if the model has no relations
   */
  public Optional<Samples> relationSamples() {
    if (layout.derivedPaths().isEmpty()) {
      return Optional.empty();
    }
    Samples derived = relationSamples;
    if (derived == null) {
      double[][] values = new double[samples.size()][];
      double[] logLikelihoods = new double[samples.size()];
      double[] logPriors = new double[samples.size()];
      double[] weights = new double[samples.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = layout.derivedValues(samples.vector(i));
        logLikelihoods[i] = samples.logLikelihood(i);
        logPriors[i] = samples.logPrior(i);
        weights[i] = samples.weight(i);
      }
      derived = Samples.of(layout.derivedPaths(), values, logLikelihoods, logPriors, weights);
      relationSamples = derived;
    }
    return Optional.of(derived);
  }

  /**
   * The analysis's {@link org.graphfit.analysis.DerivedQuantity derived quantities} at every
   * sample, with the samples' weights: their posterior, one column per quantity, e.g. for {@code
   * CornerPlot.of(samples)} or {@link Samples#withColumnsOf(Samples)}.
   *
   * @return the derived samples, or empty if the analysis declares none
   */
  public Optional<Samples> derivedSamples() {
    return Optional.ofNullable(derivedSamples);
  }

  /**
   * This result's posterior as the priors of a new fit of the same model: copy the model with the
   * mapping, e.g. {@code GaussianModel next = model.copy(result.posteriorPriors(PriorPassing
   * .centered()))}. Parameters shared in the model stay shared in copies made with one mapping.
   *
   * @param passing how each posterior becomes a prior
   * @return the mapping (use one mapping for all models of the new fit)
   */
  public ParameterMapping posteriorPriors(PriorPassing passing) {
    return passing.mapping(this);
  }

  /** A copy with derived samples and their concerns, for a result loaded without them. */
  Result<T> withDerivedSamples(Samples derived, List<Concern> moreConcerns) {
    Builder<T> builder =
        builder(searchName, layout, samples)
            .logEvidence(logEvidence, logEvidenceError)
            .cost(likelihoodCalls, failedCalls, firstFailure, seconds)
            .derivedSamples(derived);
    diagnostics.forEach(builder::diagnostic);
    concerns.forEach(builder::concern);
    moreConcerns.forEach(builder::concern);
    return builder.build();
  }

  /**
   * Half the width of each parameter's central credible interval at {@code sigma} standard
   * deviations.
   *
   * @param sigma the number of standard deviations
   * @return one error per free parameter
   */
  public double[] errorsAtSigma(double sigma) {
    double[][] bounds = samples.valuesAtSigma(sigma);
    double[] errors = new double[bounds[0].length];
    for (int i = 0; i < errors.length; i++) {
      errors[i] = 0.5 * (bounds[1][i] - bounds[0][i]);
    }
    return errors;
  }

  /**
   * The posterior covariance of the free parameters, from the weighted samples.
   *
   * @return the covariance matrix, in free-parameter order
   */
  public double[][] covariance() {
    return samples.covariance();
  }

  /**
   * Whether the search estimated the log evidence.
   *
   * @return true for nested sampling
   */
  public boolean hasLogEvidence() {
    return !Double.isNaN(logEvidence);
  }

  /**
   * The log evidence.
   *
   * @return the natural logarithm of the evidence, NaN if the search gives none
   */
  public double logEvidence() {
    return logEvidence;
  }

  /**
   * The statistical error of the log evidence.
   *
   * @return one standard deviation, NaN if the search gives none
   */
  public double logEvidenceError() {
    return logEvidenceError;
  }

  /**
   * Search diagnostics by name, e.g. {@code effective_sample_size}, {@code tau_max}.
   *
   * @return the diagnostics in insertion order
   */
  public Map<String, Double> diagnostics() {
    return diagnostics;
  }

  /**
   * Whether the search's self-checks passed: the run met its stopping rule and found nothing that
   * makes its samples or evidence suspect. A result that is not trustworthy says why in {@link
   * #concerns()}, in {@link #summary()} and in its output folder's {@code samples_summary.json}.
   *
   * @return true if there is no concern
   */
  public boolean trustworthy() {
    return concerns.isEmpty();
  }

  /**
   * The failed self-checks, in the order the search made them.
   *
   * @return the concerns, empty for a trustworthy result
   */
  public List<Concern> concerns() {
    return concerns;
  }

  /**
   * The number of calls of the user's likelihood.
   *
   * @return the call count
   */
  public long likelihoodCalls() {
    return likelihoodCalls;
  }

  /**
   * The number of likelihood calls that threw or returned NaN.
   *
   * @return the failure count
   */
  public long failedCalls() {
    return failedCalls;
  }

  /**
   * The first failure's message.
   *
   * @return the message, or null if no call failed
   */
  public String firstFailure() {
    return firstFailure;
  }

  /**
   * The wall time of the fit.
   *
   * @return seconds
   */
  public double seconds() {
    return seconds;
  }

  /**
   * A {@code model.results}-style summary: evidence, best fit, medians with 1 and 3 sigma
   * intervals, diagnostics, and whether the result is trustworthy (with every concern).
   *
   * @return the text
   */
  public String summary() {
    return ResultSummary.of(this);
  }

  @Override
  public String toString() {
    return summary();
  }

  /**
   * Fills a {@link Result}.
   *
   * @param <T> the instance type
   */
  public static final class Builder<T> {
    private final String searchName;
    private final ModelLayout<T> layout;
    private final Samples samples;
    private double logEvidence = Double.NaN;
    private double logEvidenceError = Double.NaN;
    private final Map<String, Double> diagnostics = new LinkedHashMap<>();
    private final List<Concern> concerns = new ArrayList<>();
    private long likelihoodCalls;
    private long failedCalls;
    private String firstFailure;
    private double seconds;
    private Samples derivedSamples;

    private Builder(String searchName, ModelLayout<T> layout, Samples samples) {
      this.searchName = searchName;
      this.layout = layout;
      this.samples = samples;
    }

    /**
     * Sets the log evidence and its error.
     *
     * @param value the log evidence
     * @param error its standard deviation
     * @return this builder
     */
    public Builder<T> logEvidence(double value, double error) {
      this.logEvidence = value;
      this.logEvidenceError = error;
      return this;
    }

    /**
     * Adds a diagnostic.
     *
     * @param name its name
     * @param value its value
     * @return this builder
     */
    public Builder<T> diagnostic(String name, double value) {
      diagnostics.put(name, value);
      return this;
    }

    /**
     * Adds a concern: a self-check the run failed.
     *
     * @param concern the concern
     * @return this builder
     */
    public Builder<T> concern(Concern concern) {
      concerns.add(Objects.requireNonNull(concern, "concern"));
      return this;
    }

    /**
     * Adds the diagnostics and concerns of an engine's run.
     *
     * @param run the run
     * @return this builder
     */
    public Builder<T> checks(SearchRun run) {
      run.diagnostics().forEach(this::diagnostic);
      run.concerns().forEach(this::concern);
      return this;
    }

    /**
     * Sets the cost and failure accounting from raw figures (e.g. read back from disk).
     *
     * @param calls likelihood calls
     * @param failed failed calls
     * @param firstFailure the first failure's message, or null
     * @param seconds the wall time
     * @return this builder
     */
    public Builder<T> cost(long calls, long failed, String firstFailure, double seconds) {
      this.likelihoodCalls = calls;
      this.failedCalls = failed;
      this.firstFailure = firstFailure;
      this.seconds = seconds;
      return this;
    }

    /**
     * Sets the derived quantities' values at every sample.
     *
     * @param derived one row per sample, in the samples' order
     * @return this builder
     * @throws IllegalArgumentException if the number of rows differs from the samples'
     */
    public Builder<T> derivedSamples(Samples derived) {
      if (derived.size() != samples.size()) {
        throw new IllegalArgumentException(
            "derived samples have "
                + derived.size()
                + " rows but the fit has "
                + samples.size()
                + " samples");
      }
      this.derivedSamples = derived;
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     */
    public Result<T> build() {
      return new Result<>(this);
    }
  }
}
