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
}
