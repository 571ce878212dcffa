package org.graphfit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.graphfit.prior.Prior;

/**
 * The immutable free-parameter layout of a model, taken at one moment: which slots are free, in
 * which order, with which priors, and how a vector of free-parameter values becomes an instance.
 *
 * <p>Free parameters are ordered by first appearance in a depth-first walk of the model tree. A
 * parameter object that appears in several slots, and all parameters with the same {@code @Shared}
 * key, are one free parameter, listed at its first slot. Searches take a layout once per fit; its
 * mapping methods allocate one slot array and call the generated constructor code, nothing else.
 *
 * <p>A slot may hold a relation ({@link Parameter#isRelation()}): its leaves are free parameters
 * (listed where they first appear, at the relation's slot path followed by the leaf's name when
 * they fill no slot of their own) and its value is computed from the vector before the instance is
 * built. Relation slots are the layout's <em>derived</em> values ({@link #derivedPaths()}).
 *
 * <p>The layout fixes which slots are free and their priors, but builds instances through the model
 * itself: change a model's structure (add models to a collection, draw more parameters into a
 * hierarchical factor) before taking its layout, never while a fit uses it.
 *
 * @param <T> the type of instance
 */
public final class ModelLayout<T> {
  private final Model<T> model;
  private final LayoutSlots table;
  private final Prior[] priors;

  private ModelLayout(Model<T> model, LayoutSlots table) {
    this.model = model;
    this.table = table;
    this.priors = new Prior[table.freeParameters.size()];
    for (int i = 0; i < priors.length; i++) {
      priors[i] = table.freeParameters.get(i).prior().orElseThrow();
    }
  }

  /**
   * Takes the layout of a model.
   *
   * @param model the model
   * @param <T> the type of instance
   * @return its layout
   * @throws IllegalStateException if a parameter has neither prior nor fixed value, shared
   *     parameters have different priors, or a constraint names a parameter outside the model
   */
  public static <T> ModelLayout<T> of(Model<T> model) {
    Objects.requireNonNull(model, "model");
    LayoutWalk walk = new LayoutWalk();
    walk.walk(model, "", 0);
    return new ModelLayout<>(model, new LayoutSlots(walk));
  }

  /**
   * The model this layout was taken from.
   *
   * @return the model
   */
  public Model<T> model() {
    return model;
  }

  /**
   * The number of free parameters.
   *
   * @return the number of free parameters
   */
  public int priorCount() {
    return priors.length;
  }

  /**
   * The free parameters in order.
   *
   * @return the parameters
   */
  public List<Parameter> freeParameters() {
    return table.freeParameters;
  }

  /**
   * The path of each free parameter, e.g. {@code gaussian_0.centre}: the path of its first slot.
   *
   * @return the paths, in free-parameter order
   */
  public List<String> freeParameterPaths() {
    return table.freePaths;
  }

  /**
   * The prior of free parameter {@code index}.
   *
   * @param index a free-parameter index
   * @return its prior
   */
  public Prior prior(int index) {
    return priors[index];
  }

  /**
   * The index of a parameter among the free parameters.
   *
   * @param parameter a parameter of the model; a {@code @Shared} parameter is found by its key
   * @return its index, or -1 if it is not a free parameter of this layout
   */
  public int indexOf(Parameter parameter) {
    return table.indexOf(parameter);
  }

  /**
   * The index of the free parameter with a path.
   *
   * @param path a path of {@link #freeParameterPaths()}, e.g. {@code gaussian_0.centre}, or any
   *     other slot path the parameter fills (see {@link #slotPathsOf(int)})
   * @return its index, or -1 if no free parameter has that path
   */
  public int indexOfPath(String path) {
    return table.indexOfPath(path);
  }

  /**
   * Every slot path a free parameter fills: one for a local parameter, several for a shared one.
   * Where a relation reads the parameter, the path is the relation's slot path followed by the
   * leaf's name, e.g. {@code dataset_1.sigma.m}.
   *
   * @param index a free-parameter index
   * @return the slot paths in slot order
   */
  public List<String> slotPathsOf(int index) {
    return table.slotPathsByFree.get(index);
  }

  /**
   * The fixed slots and their values.
   *
   * @return slot paths to fixed values, in slot order
   */
  public Map<String, Double> fixedValues() {
    Map<String, Double> fixed = new LinkedHashMap<>();
    for (int slot = 0; slot < table.paths.length; slot++) {
      if (table.freeIndex[slot] == LayoutSlots.FIXED_SLOT) {
        fixed.put(table.paths[slot], table.fixedValue[slot]);
      }
    }
    return fixed;
  }

  /**
   * The paths of the relation slots, in slot order: the layout's derived values.
   *
   * @return the paths, e.g. {@code dataset_0.sigma}
   */
  public List<String> derivedPaths() {
    return table.derivedPaths;
  }

  /**
   * The relations, each as its expression over free-parameter paths.
   *
   * @return relation slot paths to expressions, e.g. {@code dataset_0.sigma} to {@code
   *     dataset_0.sigma.m * 0.5 + dataset_0.sigma.c}, in slot order
   */
  public Map<String, String> relations() {
    Map<String, String> relations = new LinkedHashMap<>();
    for (int slot : table.derived) {
      relations.put(table.paths[slot], table.relationText[slot]);
    }
    return relations;
  }

  /**
   * The value of every relation slot at a free-parameter vector.
   *
   * @param vector one value per free parameter
   * @return one value per {@link #derivedPaths() derived path}
   */
  public double[] derivedValues(double[] vector) {
    requireLength(vector);
    double[] values = new double[table.derived.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = table.relation[table.derived[i]].at(vector);
    }
    return values;
  }

  /**
   * The constraints, described with parameter paths, e.g. {@code left.centre < right.centre}.
   *
   * @return one description per constraint, in declaration order
   */
  public List<String> constraintDescriptions() {
    List<String> descriptions = new ArrayList<>();
    for (ResolvedConstraint constraint : table.constraints) {
      descriptions.add(constraint.description());
    }
    return descriptions;
  }

  /**
   * The structural description of the model, part of every fit's identity and written to a fit's
   * {@code files/model.json}: the model's type, each free parameter's path, slots and prior (type
   * and arguments), the fixed values and the constraints. The data and the analysis code are not
   * part of it.
   *
   * @return the description, in a stable order (a new, mutable map)
   */
  public Map<String, Object> description() {
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (int i = 0; i < priors.length; i++) {
      Map<String, Object> parameter = new LinkedHashMap<>();
      parameter.put("path", table.freePaths.get(i));
      parameter.put("slots", table.slotPathsByFree.get(i));
      parameter.put("prior", priors[i].typeName());
      parameter.put("arguments", priors[i].arguments());
      parameters.add(parameter);
    }
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("type", model.typeName());
    description.put("free_parameters", parameters);
    description.put("fixed_parameters", fixedValues());
    description.put("constraints", constraintDescriptions());
    if (table.derived.length > 0) {
      description.put("relations", relations());
    }
    return description;
  }

  /**
   * Maps a point of the unit hypercube to free-parameter values through the priors.
   *
   * @param unit one number in {@code [0, 1]} per free parameter
   * @param vector the destination, one value per free parameter
   */
  public void vectorFromUnit(double[] unit, double[] vector) {
    requireLength(unit);
    for (int i = 0; i < priors.length; i++) {
      vector[i] = priors[i].valueFromUnit(unit[i]);
    }
  }

  /**
   * The instance at a point of the unit hypercube.
   *
   * @param unit one number in {@code [0, 1]} per free parameter
   * @return the instance
   */
  public T instanceFromUnitVector(double[] unit) {
    double[] vector = new double[priors.length];
    vectorFromUnit(unit, vector);
    return instanceFromVector(vector);
  }

  /**
   * The instance with the given free-parameter values.
   *
   * @param vector one value per free parameter
   * @return the instance
   * @throws IllegalArgumentException if the length is not {@link #priorCount()}, or a relation is
   *     NaN or infinite at {@code vector} (a search counts the point as a failed likelihood call
   *     and the result reports it)
   */
  public T instanceFromVector(double[] vector) {
    requireLength(vector);
    double[] slots = new double[table.freeIndex.length];
    for (int slot = 0; slot < slots.length; slot++) {
      int index = table.freeIndex[slot];
      slots[slot] = index >= 0 ? vector[index] : table.fixedValue[slot];
    }
    for (int slot : table.derived) {
      double value = table.relation[slot].at(vector);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "relation "
                + table.paths[slot]
                + " = "
                + table.relationText[slot]
                + " is "
                + value
                + " at "
                + table.freePaths
                + " = "
                + Arrays.toString(vector)
                + "; keep it finite, e.g. with priors or a Constraint on its leaves");
      }
      slots[slot] = value;
    }
    return model.instanceFromSlots(slots, 0);
  }

  /**
   * The free-parameter values of an instance. Where a shared parameter fills several slots, its
   * first slot's value is taken.
   *
   * @param instance the instance
   * @return one value per free parameter
   * @throws IllegalStateException if a free parameter is read only by relations, so that no slot of
   *     the instance holds its value
   */
  public double[] vectorFromInstance(T instance) {
    double[] slots = new double[table.freeIndex.length];
    model.slotsFromInstance(instance, slots, 0);
    double[] vector = new double[priors.length];
    boolean[] seen = new boolean[priors.length];
    for (int slot = 0; slot < slots.length; slot++) {
      int index = table.freeIndex[slot];
      if (index >= 0 && !seen[index]) {
        vector[index] = slots[slot];
        seen[index] = true;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        throw new IllegalStateException(
            "free parameter "
                + table.freePaths.get(i)
                + " is read only by relations, so an instance does not hold its value; keep"
                + " the free-parameter vector (e.g. a result's samples) instead");
      }
    }
    return vector;
  }

  /**
   * The median of each prior.
   *
   * @return one value per free parameter
   */
  public double[] priorMedians() {
    double[] medians = new double[priors.length];
    for (int i = 0; i < priors.length; i++) {
      medians[i] = priors[i].median();
    }
    return medians;
  }

  /**
   * The sum of the priors' log densities at {@code vector}; negative infinity outside a support or
   * where a constraint fails.
   *
   * @param vector one value per free parameter
   * @return the log prior density
   */
  public double logPrior(double[] vector) {
    requireLength(vector);
    if (!satisfiesConstraints(vector)) {
      return Double.NEGATIVE_INFINITY;
    }
    double sum = 0;
    for (int i = 0; i < priors.length; i++) {
      sum += priors[i].logDensity(vector[i]);
    }
    return sum;
  }

  /**
   * Whether every constraint of the model holds at {@code vector}.
   *
   * @param vector one value per free parameter
   * @return true if all hold (or there are none)
   */
  public boolean satisfiesConstraints(double[] vector) {
    for (ResolvedConstraint constraint : table.constraints) {
      if (!constraint.holds(vector)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the model has constraints.
   *
   * @return true if at least one constraint is attached
   */
  public boolean hasConstraints() {
    return !table.constraints.isEmpty();
  }

  /**
   * A random draw from the priors, redrawn until the constraints hold (at most 10,000 times).
   *
   * @param rng the source of randomness
   * @return free-parameter values
   * @throws IllegalStateException if no draw satisfies the constraints
   */
  public double[] randomVector(UniformRandomProvider rng) {
    double[] vector = new double[priors.length];
    for (int attempt = 0; attempt < 10_000; attempt++) {
      for (int i = 0; i < priors.length; i++) {
        vector[i] = priors[i].sample(rng);
      }
      if (satisfiesConstraints(vector)) {
        return vector;
      }
    }
    throw new IllegalStateException(
        "no draw from the priors satisfied the model's constraints in 10000 attempts; check that "
            + "the constraints can hold together inside the priors' bounds");
  }

  /**
   * A random instance drawn from the priors.
   *
   * @param rng the source of randomness
   * @return the instance
   */
  public T randomInstance(UniformRandomProvider rng) {
    return instanceFromVector(randomVector(rng));
  }

  /**
   * The description printed by {@link Model#info()}.
   *
   * @return the description
   */
  public String info() {
    return LayoutInfo.of(table, priors);
  }

  @Override
  public String toString() {
    return info();
  }

  private void requireLength(double[] vector) {
    if (vector.length != priors.length) {
      throw new IllegalArgumentException(
          "expected "
              + priors.length
              + " free-parameter values in the order "
              + table.freePaths
              + " but got "
              + vector.length);
    }
  }
}
