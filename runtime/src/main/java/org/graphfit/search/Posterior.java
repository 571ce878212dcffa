package org.graphfit.search;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;

/**
 * Reads a fit's posterior through the model rather than by position: a parameter's {@link
 * ParameterSummary} by its {@link Parameter} object or path, and typed instances of the fitted
 * model or of any model nested in it, e.g. {@code result.median(model.gaussian())}. Implemented by
 * {@link Result}, by the result of a graph's joint fit and by the result of expectation
 * propagation, so the same reading code works for each.
 */
public interface Posterior {

  /**
   * The summary of a free parameter, found by its object (a {@code @Shared} parameter by its key).
   *
   * @param parameter a free parameter of the fitted model, e.g. {@code model.centre()}
   * @return its summary
   * @throws IllegalArgumentException if it is not a free parameter of the fit (fixed, or of another
   *     model)
   */
  ParameterSummary summary(Parameter parameter);

  /**
   * The summary of the free parameter with a path, e.g. {@code gaussian_0.centre}; a shared
   * parameter is found by any of its slot paths.
   *
   * @param path a path of the fitted model's free parameters
   * @return its summary
   * @throws IllegalArgumentException if no free parameter has that path (the message lists them)
   */
  ParameterSummary summary(String path);

  /**
   * The summaries of every free parameter, in free-parameter order.
   *
   * @return the summaries
   */
  List<? extends ParameterSummary> summaries();

  /**
   * An instance of the fitted model, or of a model nested in it, at the marginal medians.
   *
   * @param model the fitted model or one of its components
   * @param <I> the instance type
   * @return the instance
   * @throws IllegalArgumentException if a free parameter of the model is not one of the fit
   */
  default <I> I median(Model<I> model) {
    return instance(model, ParameterSummary::median);
  }

  /**
   * An instance of the fitted model, or of a model nested in it, at the posterior means.
   *
   * @param model the fitted model or one of its components
   * @param <I> the instance type
   * @return the instance
   * @throws IllegalArgumentException if a free parameter of the model is not one of the fit
   */
  default <I> I mean(Model<I> model) {
    return instance(model, ParameterSummary::mean);
  }

  /**
   * An instance of the fitted model, or of a model nested in it, at the sample of highest
   * likelihood (every parameter takes that one sample's value).
   *
   * @param model the fitted model or one of its components
   * @param <I> the instance type
   * @return the instance; its values are NaN for a fit without samples
   * @throws IllegalArgumentException if a free parameter of the model is not one of the fit
   */
  default <I> I maxLikelihood(Model<I> model) {
    return instance(model, ParameterSummary::maxLikelihood);
  }

  /**
   * Instances of the fitted model, or of a model nested in it, at the lower and at the upper bounds
   * of every parameter's central credible interval at {@code sigma}.
   *
   * @param model the fitted model or one of its components
   * @param sigma the number of standard deviations, positive
   * @param <I> the instance type
   * @return the two instances
   * @throws IllegalArgumentException if sigma is not positive or a free parameter of the model is
   *     not one of the fit
   */
  default <I> Bounds<I> atSigma(Model<I> model, double sigma) {
    ParameterSummary.Interval.tail(sigma);
    return new Bounds<>(
        sigma,
        instance(model, summary -> summary.atSigma(sigma).lower()),
        instance(model, summary -> summary.atSigma(sigma).upper()));
  }

  /**
   * An instance of the fitted model, or of a model nested in it, with each free parameter set to a
   * value read from its summary, e.g. {@code summary -> summary.quantile(0.9)}.
   *
   * @param model the fitted model or one of its components
   * @param value the value of each free parameter
   * @param <I> the instance type
   * @return the instance
   * @throws IllegalArgumentException if a free parameter of the model is not one of the fit
   */
  default <I> I instance(Model<I> model, ToDoubleFunction<ParameterSummary> value) {
    ModelLayout<I> layout = model.layout();
    List<Parameter> parameters = layout.freeParameters();
    double[] vector = new double[parameters.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = value.applyAsDouble(summary(parameters.get(i)));
    }
    return layout.instanceFromVector(vector);
  }

  /**
   * Instances at the two bounds of a central credible interval.
   *
   * @param sigma the number of standard deviations
   * @param lower the instance at every parameter's lower bound
   * @param upper the instance at every parameter's upper bound
   * @param <I> the instance type
   */
  record Bounds<I>(double sigma, I lower, I upper) {}
}
