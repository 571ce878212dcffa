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
   * A hierarchical factor with a Gaussian parent.
   *
   * @param meanPrior the prior of the parent mean
   * @param sigmaPrior the prior of the parent sigma; it should exclude values at or below zero
   * @return the factor, named {@code hierarchy}
   */
  public static HierarchicalFactor gaussian(Prior meanPrior, Prior sigmaPrior) {
    return of(GaussianParent.INSTANCE, Parameter.free(meanPrior), Parameter.free(sigmaPrior));
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
   *     or as another object with the same {@code @Shared} key (which is the same free parameter)
   */
  public HierarchicalFactor draw(Parameter parameter) {
    Objects.requireNonNull(parameter, "parameter");
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
