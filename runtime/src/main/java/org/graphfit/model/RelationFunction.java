package org.graphfit.model;

/**
 * A user function of several parameters inside a relation, e.g. {@code Parameter.relation("hypot",
 * args -> Math.hypot(args[0], args[1]), x, y)}. It must be pure: the same arguments give the same
 * value, whichever thread calls it.
 */
@FunctionalInterface
public interface RelationFunction {
  /**
   * The function's value.
   *
   * @param arguments the arguments' values, in the order they were given to the relation; a fresh
   *     array the function may keep or change
   * @return the value
   */
  double apply(double[] arguments);
}
