package org.graphfit.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;

/**
 * A factor that draws chosen parameters of many factors from one parent distribution whose
 * hyper-parameters are fitted: in a joint fit it adds {@code sum_i log p(x_i | hyper)} to the log
 * likelihood. The drawn parameters keep their own priors, as in PyAutoFit, so give them wide ones.
 *
 * <pre>{@code
 * HierarchicalFactor centres = HierarchicalFactor.gaussian(Prior.gaussian(50, 20), Prior.uniform(0.1, 30));
 * for (GaussianModel model : models) {
 *   centres.draw(model.centre());
 * }
 * graph.add(centres);
 * }</pre>
 */
public final class HierarchicalFactor {
  private final String name;
  private final ParentDistribution distribution;
  private final List<Parameter> hyperParameters;
  private final List<Parameter> drawn = new ArrayList<>();

  private HierarchicalFactor(
      String name, ParentDistribution distribution, List<Parameter> hyperParameters) {
    this.name = name;
    this.distribution = distribution;
    this.hyperParameters = hyperParameters;
  }

  /**
   * A hierarchical factor with a Gaussian parent, {@code x ~ N(mean, sigma)}.
   *
   * @param meanPrior the prior of the parent mean
   * @param sigmaPrior the prior of the parent sigma, on positive values
   * @return the factor, named {@code hierarchy}
   * @throws IllegalArgumentException if {@code sigmaPrior} allows values below zero
   */
  public static HierarchicalFactor gaussian(Prior meanPrior, Prior sigmaPrior) {
    return withScale(GaussianParent.INSTANCE, meanPrior, sigmaPrior);
  }

  /**
   * A hierarchical factor with a log-Gaussian parent, {@code log x ~ N(mean, sigma)}, for positive
   * parameters such as widths: {@code mean} and {@code sigma} are those of the drawn values'
   * logarithms. The drawn parameters' priors must not allow values at or below zero (for example
   * {@code Prior.logUniform(0.01, 100)}).
   *
   * @param meanPrior the prior of the mean of {@code log x}
   * @param sigmaPrior the prior of the sigma of {@code log x}, on positive values
   * @return the factor, named {@code hierarchy}
   * @throws IllegalArgumentException if {@code sigmaPrior} allows values below zero
   */
  public static HierarchicalFactor logGaussian(Prior meanPrior, Prior sigmaPrior) {
    return withScale(LogGaussianParent.INSTANCE, meanPrior, sigmaPrior);
  }

  /**
   * A hierarchical factor with a Gaussian parent truncated to fixed bounds, {@code x ~ N(mean,
   * sigma)} restricted to {@code [lower, upper]}, normalized for every {@code (mean, sigma)} (see
   * {@link TruncatedGaussianParent}). The drawn parameters' priors must lie within the bounds (for
   * example {@code Prior.uniform(lower, upper)}); the mean's prior may reach beyond them.
   *
   * @param meanPrior the prior of the mean of the untruncated normal
   * @param sigmaPrior the prior of its sigma, on positive values
   * @param lower the lower bound, possibly negative infinity
   * @param upper the upper bound, greater than {@code lower}, possibly positive infinity
   * @return the factor, named {@code hierarchy}
   * @throws IllegalArgumentException if the bounds are not ordered or {@code sigmaPrior} allows
   *     values below zero
   */
  public static HierarchicalFactor truncatedGaussian(
      Prior meanPrior, Prior sigmaPrior, double lower, double upper) {
    return withScale(TruncatedGaussianParent.of(lower, upper), meanPrior, sigmaPrior);
  }

  private static HierarchicalFactor withScale(
      ParentDistribution distribution, Prior meanPrior, Prior sigmaPrior) {
    Objects.requireNonNull(meanPrior, "meanPrior");
    if (sigmaPrior.lowerBound() < 0) {
      throw new IllegalArgumentException(
          distribution.familyName()
              + ": the prior of sigma, "
              + sigmaPrior
              + ", allows negative values; a scale is positive: give it a prior on positive"
              + " values, e.g. Prior.logUniform(0.1, 10) or Prior.halfNormal(10)");
    }
    return of(distribution, Parameter.free(meanPrior), Parameter.free(sigmaPrior));
  }

  /**
   * A hierarchical factor with any parent distribution.
   *
   * @param distribution the parent family
   * @param hyperParameters one parameter per hyper-parameter, in the family's order
   * @return the factor, named {@code hierarchy}
   * @throws IllegalArgumentException if the number of hyper-parameters is wrong
   */
  public static HierarchicalFactor of(
      ParentDistribution distribution, Parameter... hyperParameters) {
    if (hyperParameters.length != distribution.hyperParameterNames().size()) {
      throw new IllegalArgumentException(
          distribution.familyName()
              + " takes hyper-parameters "
              + distribution.hyperParameterNames()
              + " but got "
              + hyperParameters.length);
    }
    return new HierarchicalFactor("hierarchy", distribution, List.of(hyperParameters));
  }

  /**
   * A copy with another name (the drawn parameters are copied too).
   *
   * @param name an identifier such as {@code centres}
   * @return the copy
   */
  public HierarchicalFactor named(String name) {
    HierarchicalFactor copy =
        new HierarchicalFactor(Objects.requireNonNull(name, "name"), distribution, hyperParameters);
    copy.drawn.addAll(drawn);
    return copy;
  }

  /**
   * Declares that a parameter of some factor's model is drawn from the parent. Each parameter is
   * drawn at most once: the parent density enters the likelihood once per drawn parameter.
   *
   * @param parameter the parameter object, as returned by a generated model's accessor
   * @return this factor
   * @throws IllegalArgumentException if this factor already draws the parameter, as the same object
   *     or as another object with the same {@code @Shared} key (which is the same free parameter),
   *     or if the parameter's prior or fixed value reaches outside the values the parent draws
   *     ({@link ParentDistribution#lowerBound()}, {@link ParentDistribution#upperBound()})
   */
  public HierarchicalFactor draw(Parameter parameter) {
    Objects.requireNonNull(parameter, "parameter");
    requireSupport(parameter);
    for (int i = 0; i < drawn.size(); i++) {
      Parameter other = drawn.get(i);
      boolean sameKey =
          parameter.sharedKey().isPresent() && parameter.sharedKey().equals(other.sharedKey());
      if (other == parameter || sameKey) {
        throw new IllegalArgumentException(
            "hierarchical factor '"
                + name
                + "' already draws this parameter as drawn parameter "
                + i
                + (sameKey
                    ? " (parameters shared by key '"
                        + parameter.sharedKey().get()
                        + "' are one free parameter)"
                    : "")
                + "; drawing it again would count the parent density twice. Draw each"
                + " parameter once; to draw one parameter per dataset, give each model its own"
                + " (e.g. model.centre(Prior.uniform(0, 100)) instead of a @Shared default)");
      }
    }
    drawn.add(parameter);
    return this;
  }

  /**
   * Refuses a drawn parameter whose prior (or fixed value) allows values the parent cannot draw:
   * there the joint density would be zero inside the prior's support, a hard edge no sampler or EP
   * quadrature handles well and, most often, a mistake in the model.
   */
  private void requireSupport(Parameter parameter) {
    double lower = distribution.lowerBound();
    double upper = distribution.upperBound();
    String reach;
    if (parameter.isFixed()) {
      double value = parameter.fixedValue();
      if (value >= lower && value <= upper) {
        return;
      }
      reach = "the fixed value " + value;
    } else if (parameter.prior().isPresent()) {
      Prior prior = parameter.prior().get();
      if (prior.lowerBound() >= lower && prior.upperBound() <= upper) {
        return;
      }
      reach = "its prior " + prior;
    } else {
      return; // a relation: its values are checked by the parent density itself
    }
    String example =
        lower == 0 && upper == Double.POSITIVE_INFINITY
            ? "Prior.logUniform(0.01, 100)"
            : Double.isFinite(lower) && Double.isFinite(upper)
                ? "Prior.uniform(" + lower + ", " + upper + ")"
                : "a prior on [" + lower + ", " + upper + "]";
    throw new IllegalArgumentException(
        "hierarchical factor '"
            + name
            + "' ("
            + distribution.description()
            + ") draws values in ["
            + lower
            + ", "
            + upper
            + "] only, but "
            + reach
            + " reaches outside; give the drawn parameter a prior inside these bounds, e.g. "
            + example);
  }

  /**
   * The name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The parent family.
   *
   * @return the distribution
   */
  public ParentDistribution distribution() {
    return distribution;
  }

  /**
   * The hyper-parameter named {@code name}, e.g. {@code mean}.
   *
   * @param name a name of {@link ParentDistribution#hyperParameterNames()}
   * @return the parameter
   * @throws IllegalArgumentException if the family has no such hyper-parameter
   */
  public Parameter hyperParameter(String name) {
    int index = distribution.hyperParameterNames().indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          distribution.familyName()
              + " has no hyper-parameter '"
              + name
              + "'; it has "
              + distribution.hyperParameterNames());
    }
    return hyperParameters.get(index);
  }

  /**
   * The hyper-parameters in the family's order.
   *
   * @return the parameters
   */
  public List<Parameter> hyperParameters() {
    return hyperParameters;
  }

  /**
   * The drawn parameters in the order they were declared.
   *
   * @return the parameters
   */
  public List<Parameter> drawnParameters() {
    return Collections.unmodifiableList(drawn);
  }
}
