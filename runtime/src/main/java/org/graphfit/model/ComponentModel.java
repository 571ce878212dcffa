package org.graphfit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The base of generated component models: keeps the constraints attached to the model. Everything
 * else, slots and mapping, is generated code.
 *
 * @param <T> the component type
 */
public abstract class ComponentModel<T> implements Model<T> {
  private final List<Constraint> constraints = new ArrayList<>();

  /** For generated subclasses. */
  protected ComponentModel() {}

  /**
   * Attaches a constraint, checked before every likelihood of a fit that contains this model.
   *
   * @param constraint the constraint
   */
  public final void addConstraint(Constraint constraint) {
    constraints.add(Objects.requireNonNull(constraint, "constraint"));
  }

  @Override
  public final List<Constraint> constraints() {
    return Collections.unmodifiableList(constraints);
  }

  /**
   * A copy of this model, nested models included, with every parameter replaced by {@code
   * mapping}'s (e.g. the posterior of an earlier fit as priors); constraints are copied over the
   * mapped parameters. Generated models return their own type.
   *
   * @param mapping the parameter mapping; use one mapping for every model of one new fit, so that
   *     shared parameters stay shared
   * @return the copy
   */
  public abstract ComponentModel<T> copy(ParameterMapping mapping);

  /**
   * Copies another model's constraints over the mapped parameters: for generated {@link
   * #copy(ParameterMapping)} methods.
   *
   * @param original the model copied
   * @param mapping the mapping of the copy
   */
  protected final void copyConstraints(ComponentModel<T> original, ParameterMapping mapping) {
    for (Constraint constraint : original.constraints) {
      constraints.add(constraint.map(mapping));
    }
  }
}
