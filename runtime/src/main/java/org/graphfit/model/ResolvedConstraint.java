package org.graphfit.model;

/** A constraint whose sides are compiled over the free-parameter vector of a layout. */
final class ResolvedConstraint {
  private final Constraint constraint;
  private final Expression.Evaluator left;
  private final Expression.Evaluator right;
  private final String description;

  ResolvedConstraint(
      Constraint constraint,
      Expression.Evaluator left,
      Expression.Evaluator right,
      String description) {
    this.constraint = constraint;
    this.left = left;
    this.right = right;
    this.description = description;
  }

  /** Whether the constraint holds at a free-parameter vector. */
  boolean holds(double[] vector) {
    return constraint.holds(left.at(vector), right == null ? Double.NaN : right.at(vector));
  }

  /** The constraint over parameter paths, e.g. {@code left.centre < right.centre}. */
  String description() {
    return description;
  }
}
