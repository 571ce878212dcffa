package org.graphfit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
  private static final int NAME_COLUMN = 40;
  private static final int RELATION_SLOT = -2;

  private final Model<T> model;
  private final int[] slotFreeIndex;
  private final double[] slotFixedValue;
  private final String[] slotPaths;
  private final Expression.Evaluator[] slotRelation;
  private final String[] slotRelationText;

  /** Per slot, the free parameters it reads: itself, or a relation's free leaves. */
  private final int[][] slotReads;

  /** Per slot, the free parameters first listed at it (leaves of a relation there). */
  private final int[][] slotIntroduces;

  private final int[] derivedSlots;
  private final List<String> derivedPaths;

  /** Per free parameter, the slots it fills, in slot order. */
  private final List<List<String>> slotPathsByFree;

  private final Prior[] priors;
  private final List<String> freePaths;
  private final List<Parameter> freeParameters;
  private final List<Node> nodes;
  private final List<ResolvedConstraint> constraints;

  private ModelLayout(Model<T> model, Walk walk) {
    this.model = model;
    int slots = walk.slotPaths.size();
    this.slotFreeIndex = new int[slots];
    this.slotFixedValue = new double[slots];
    this.slotPaths = walk.slotPaths.toArray(new String[0]);
    this.slotRelation = new Expression.Evaluator[slots];
    this.slotRelationText = new String[slots];
    this.slotReads = new int[slots][];
    this.slotIntroduces = new int[slots][];
    List<Integer> derived = new ArrayList<>();
    List<String> derivedNames = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      Parameter parameter = walk.slotParameters.get(slot);
      Integer index = walk.freeIndex.get(parameter);
      slotFreeIndex[slot] = index == null ? -1 : index;
      slotFixedValue[slot] = parameter.isFixed() ? parameter.fixedValue() : Double.NaN;
      slotIntroduces[slot] = new int[0];
      if (parameter.isRelation()) {
        slotFreeIndex[slot] = RELATION_SLOT;
        slotRelation[slot] = walk.evaluator(parameter);
        slotRelationText[slot] = walk.describe(parameter);
        slotReads[slot] = walk.freeLeafIndices(parameter);
        slotIntroduces[slot] = walk.introducedAt(slotPaths[slot]);
        derived.add(slot);
        derivedNames.add(slotPaths[slot]);
      } else {
        slotReads[slot] = index == null ? new int[0] : new int[] {index};
      }
    }
    this.derivedSlots = derived.stream().mapToInt(Integer::intValue).toArray();
    this.derivedPaths = List.copyOf(derivedNames);
    this.freeParameters = Collections.unmodifiableList(walk.freeParameters);
    this.priors = new Prior[freeParameters.size()];
    for (int i = 0; i < priors.length; i++) {
      priors[i] = freeParameters.get(i).prior().orElseThrow();
    }
    this.freePaths = Collections.unmodifiableList(walk.freePaths);
    List<List<String>> byFree = new ArrayList<>(priors.length);
    for (int i = 0; i < priors.length; i++) {
      byFree.add(new ArrayList<>(1));
    }
    for (Walk.Membership membership : walk.memberships) {
      byFree.get(walk.freeIndex.get(membership.parameter())).add(membership.path());
    }
    this.slotPathsByFree = byFree.stream().map(List::copyOf).toList();
    this.nodes = List.copyOf(walk.nodes);
    this.constraints = List.copyOf(walk.resolveConstraints());
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
    Walk walk = new Walk();
    walk.walk(model, "", 0);
    return new ModelLayout<>(model, walk);
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
    return freeParameters;
  }

  /**
   * The path of each free parameter, e.g. {@code gaussian_0.centre}: the path of its first slot.
   *
   * @return the paths, in free-parameter order
   */
  public List<String> freeParameterPaths() {
    return freePaths;
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
    for (int i = 0; i < freeParameters.size(); i++) {
      if (freeParameters.get(i) == parameter) {
        return i;
      }
    }
    String key = parameter.sharedKey().orElse(null);
    for (int i = 0; key != null && i < freeParameters.size(); i++) {
      if (key.equals(freeParameters.get(i).sharedKey().orElse(null))) {
        return i;
      }
    }
    return -1;
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
    return slotPathsByFree.get(index);
  }

  /**
   * The fixed slots and their values.
   *
   * @return slot paths to fixed values, in slot order
   */
  public Map<String, Double> fixedValues() {
    Map<String, Double> fixed = new LinkedHashMap<>();
    for (int slot = 0; slot < slotPaths.length; slot++) {
      if (slotFreeIndex[slot] == -1) {
        fixed.put(slotPaths[slot], slotFixedValue[slot]);
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
    return derivedPaths;
  }

  /**
   * The relations, each as its expression over free-parameter paths.
   *
   * @return relation slot paths to expressions, e.g. {@code dataset_0.sigma} to {@code
   *     dataset_0.sigma.m * 0.5 + dataset_0.sigma.c}, in slot order
   */
  public Map<String, String> relations() {
    Map<String, String> relations = new LinkedHashMap<>();
    for (int slot : derivedSlots) {
      relations.put(slotPaths[slot], slotRelationText[slot]);
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
    double[] values = new double[derivedSlots.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = slotRelation[derivedSlots[i]].at(vector);
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
    for (ResolvedConstraint constraint : constraints) {
      descriptions.add(constraint.description);
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
      parameter.put("path", freePaths.get(i));
      parameter.put("slots", slotPathsByFree.get(i));
      parameter.put("prior", priors[i].typeName());
      parameter.put("arguments", priors[i].arguments());
      parameters.add(parameter);
    }
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("type", model.typeName());
    description.put("free_parameters", parameters);
    description.put("fixed_parameters", fixedValues());
    description.put("constraints", constraintDescriptions());
    if (derivedSlots.length > 0) {
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
    double[] slots = new double[slotFreeIndex.length];
    for (int slot = 0; slot < slots.length; slot++) {
      int index = slotFreeIndex[slot];
      slots[slot] = index >= 0 ? vector[index] : slotFixedValue[slot];
    }
    for (int slot : derivedSlots) {
      double value = slotRelation[slot].at(vector);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "relation "
                + slotPaths[slot]
                + " = "
                + slotRelationText[slot]
                + " is "
                + value
                + " at "
                + freePaths
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
    double[] slots = new double[slotFreeIndex.length];
    model.slotsFromInstance(instance, slots, 0);
    double[] vector = new double[priors.length];
    boolean[] seen = new boolean[priors.length];
    for (int slot = 0; slot < slots.length; slot++) {
      int index = slotFreeIndex[slot];
      if (index >= 0 && !seen[index]) {
        vector[index] = slots[slot];
        seen[index] = true;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        throw new IllegalStateException(
            "free parameter "
                + freePaths.get(i)
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
    for (ResolvedConstraint constraint : constraints) {
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
    return !constraints.isEmpty();
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
    StringBuilder text = new StringBuilder();
    text.append("Total Free Parameters = ").append(priors.length).append("\n\n");
    for (Node node : nodes) {
      String name = "    ".repeat(node.depth) + node.name;
      text.append(pad(name))
          .append(node.typeName)
          .append(" (N=")
          .append(freeCount(node))
          .append(")\n");
    }
    text.append('\n');
    for (int slot = 0; slot < slotPaths.length; slot++) {
      text.append(pad(slotPaths[slot]));
      int index = slotFreeIndex[slot];
      if (index >= 0) {
        appendPrior(text, index);
        if (!freePaths.get(index).equals(slotPaths[slot])) {
          text.append(" (shared with ").append(freePaths.get(index)).append(')');
        }
      } else if (index == RELATION_SLOT) {
        text.append("Relation = ").append(slotRelationText[slot]);
      } else {
        text.append("Fixed, value = ").append(slotFixedValue[slot]);
      }
      text.append('\n');
      for (int leaf : slotIntroduces[slot]) {
        text.append(pad(freePaths.get(leaf)));
        appendPrior(text, leaf);
        text.append('\n');
      }
    }
    if (!constraints.isEmpty()) {
      text.append("\nConstraints\n");
      for (ResolvedConstraint constraint : constraints) {
        text.append("    ").append(constraint.description).append('\n');
      }
    }
    return text.toString();
  }

  private void appendPrior(StringBuilder text, int index) {
    String description = priors[index].toString();
    int comma = description.indexOf(',');
    String head = comma < 0 ? description : description.substring(0, comma);
    String tail = comma < 0 ? "" : description.substring(comma);
    text.append(head).append(" [").append(index).append(']').append(tail);
  }

  @Override
  public String toString() {
    return info();
  }

  private int freeCount(Node node) {
    boolean[] seen = new boolean[priors.length];
    int count = 0;
    for (int slot = node.firstSlot; slot < node.endSlot; slot++) {
      for (int index : slotReads[slot]) {
        if (!seen[index]) {
          seen[index] = true;
          count++;
        }
      }
    }
    return count;
  }

  private static String pad(String text) {
    return text.length() >= NAME_COLUMN
        ? text + " "
        : text + " ".repeat(NAME_COLUMN - text.length());
  }

  private void requireLength(double[] vector) {
    if (vector.length != priors.length) {
      throw new IllegalArgumentException(
          "expected "
              + priors.length
              + " free-parameter values in the order "
              + freePaths
              + " but got "
              + vector.length);
    }
  }

  /** A node of the model tree, for descriptions. */
  private record Node(int depth, String name, String typeName, int firstSlot, int endSlot) {}

  /** A constraint whose sides are compiled over the free-parameter vector. */
  private static final class ResolvedConstraint {
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

    boolean holds(double[] vector) {
      return constraint.holds(left.at(vector), right == null ? Double.NaN : right.at(vector));
    }
  }

  /** The depth-first walk that collects slots, resolves sharing and checks every parameter. */
  private static final class Walk {
    final List<String> slotPaths = new ArrayList<>();
    final List<Parameter> slotParameters = new ArrayList<>();
    final Map<Parameter, Integer> freeIndex = new IdentityHashMap<>();
    final Map<Parameter, String> firstPath = new IdentityHashMap<>();
    final List<Parameter> freeParameters = new ArrayList<>();
    final List<String> freePaths = new ArrayList<>();
    final Map<String, Parameter> byKey = new HashMap<>();
    final Map<String, String> keyPath = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final List<Constraint> declaredConstraints = new ArrayList<>();
    final List<String> unset = new ArrayList<>();

    /** Every (free parameter, path) a slot or relation leaf gives, in walk order. */
    final List<Membership> memberships = new ArrayList<>();

    /** Relation slot paths to the free parameters first listed there. */
    final Map<String, List<Integer>> introduced = new HashMap<>();

    record Membership(Parameter parameter, String path) {}

    void walk(Model<?> model, String path, int depth) {
      int nodeIndex = nodes.size();
      nodes.add(null);
      int firstSlot = slotPaths.size();
      for (Constraint constraint : model.constraints()) {
        if (declaredConstraints.stream().noneMatch(known -> known == constraint)) {
          declaredConstraints.add(constraint);
        }
      }
      model.visitChildren(
          new ModelVisitor() {
            @Override
            public void parameter(String name, Parameter parameter) {
              slot(join(path, name), Objects.requireNonNull(parameter, name));
            }

            @Override
            public void component(String name, Model<?> child) {
              walk(Objects.requireNonNull(child, name), join(path, name), depth + 1);
            }
          });
      String name = depth == 0 ? "model" : path.substring(path.lastIndexOf('.') + 1);
      nodes.set(nodeIndex, new Node(depth, name, model.typeName(), firstSlot, slotPaths.size()));
      if (depth == 0 && !unset.isEmpty()) {
        throw new IllegalStateException(
            "these parameters have neither a prior nor a fixed value: "
                + unset
                + "; give each one a prior (e.g. model.sigma(Prior.uniform(0, 25))) or fix it "
                + "(e.g. model.sigma(5.0)), or annotate the component parameter with @Prior.*");
      }
    }

    private void slot(String path, Parameter declared) {
      if (declared.isRelation()) {
        relationSlot(path, declared);
        return;
      }
      Parameter parameter = canonical(path, declared);
      slotPaths.add(path);
      slotParameters.add(parameter);
      register(path, parameter);
    }

    /** Records a free or fixed parameter met at {@code path}; returns whether it is new. */
    private boolean register(String path, Parameter parameter) {
      if (!parameter.isFree() && !parameter.isFixed()) {
        unset.add(path);
        return false;
      }
      firstPath.putIfAbsent(parameter, path);
      if (!parameter.isFree()) {
        return false;
      }
      memberships.add(new Membership(parameter, path));
      if (freeIndex.containsKey(parameter)) {
        return false;
      }
      freeIndex.put(parameter, freeParameters.size());
      freeParameters.add(parameter);
      freePaths.add(path);
      return true;
    }

    private void relationSlot(String path, Parameter relation) {
      slotPaths.add(path);
      slotParameters.add(relation);
      List<Parameter> leaves = relation.leaves();
      Map<String, Parameter> names = new HashMap<>();
      List<Integer> first = new ArrayList<>();
      for (int k = 0; k < leaves.size(); k++) {
        Parameter leaf = leaves.get(k);
        String leafPath = path + "." + leaf.name().orElse("argument_" + k);
        Parameter clash = names.putIfAbsent(leafPath, leaf);
        if (clash != null) {
          throw new IllegalStateException(
              "the relation at "
                  + path
                  + " reads two different parameters named "
                  + leaf.name().orElseThrow()
                  + "; give them different names with Parameter.free(name, prior)");
        }
        if (register(leafPath, canonical(leafPath, leaf))) {
          first.add(freeParameters.size() - 1);
        }
      }
      introduced.put(path, first);
    }

    int[] introducedAt(String path) {
      return introduced.getOrDefault(path, List.of()).stream()
          .mapToInt(Integer::intValue)
          .toArray();
    }

    /** The vector function of a parameter or relation, leaves resolved to the walk's indices. */
    Expression.Evaluator evaluator(Parameter parameter) {
      return Expression.of(parameter).compile(this::leafEvaluator);
    }

    private Expression.Evaluator leafEvaluator(Parameter leaf) {
      Parameter parameter = resolve(leaf);
      Integer index = freeIndex.get(parameter);
      if (index != null) {
        int i = index;
        return vector -> vector[i];
      }
      if (parameter.isFixed()) {
        double value = parameter.fixedValue();
        return vector -> value;
      }
      throw new IllegalStateException(
          "a constraint names a parameter that is not part of this model ("
              + leaf
              + "); attach constraints to a model that contains all their parameters");
    }

    /** A parameter's path, or a relation's expression over its leaves' paths. */
    String describe(Parameter parameter) {
      return Expression.of(parameter).describe(leaf -> firstPath.get(resolve(leaf)));
    }

    int[] freeLeafIndices(Parameter relation) {
      return relation.leaves().stream()
          .map(leaf -> freeIndex.get(resolve(leaf)))
          .filter(Objects::nonNull)
          .mapToInt(Integer::intValue)
          .toArray();
    }

    private Parameter canonical(String path, Parameter declared) {
      String key = declared.sharedKey().orElse(null);
      if (key == null) {
        return declared;
      }
      Parameter first = byKey.putIfAbsent(key, declared);
      if (first == null || first == declared) {
        keyPath.putIfAbsent(key, path);
        return declared;
      }
      if (!Objects.equals(first.prior(), declared.prior())) {
        throw new IllegalStateException(
            "shared parameter "
                + key
                + " has conflicting priors: "
                + first
                + " at "
                + keyPath.get(key)
                + " and "
                + declared
                + " at "
                + path
                + "; give every model the same Parameter object, or override the parameter on "
                + "one model to make it local");
      }
      return first;
    }

    List<ResolvedConstraint> resolveConstraints() {
      List<ResolvedConstraint> resolved = new ArrayList<>();
      for (Constraint constraint : declaredConstraints) {
        List<Parameter> parameters = constraint.parameters();
        Expression.Evaluator[] sides = new Expression.Evaluator[2];
        String[] texts = new String[2];
        for (int i = 0; i < parameters.size(); i++) {
          for (Parameter leaf : parameters.get(i).leaves()) {
            if (firstPath.get(resolve(leaf)) == null) {
              throw new IllegalStateException(
                  "a constraint names a parameter that is not part of this model ("
                      + leaf
                      + "); attach constraints to a model that contains all their parameters");
            }
          }
          sides[i] = evaluator(parameters.get(i));
          texts[i] = describe(parameters.get(i));
        }
        resolved.add(
            new ResolvedConstraint(
                constraint, sides[0], sides[1], constraint.describe(texts[0], texts[1])));
      }
      return resolved;
    }

    private Parameter resolve(Parameter parameter) {
      String key = parameter.sharedKey().orElse(null);
      return key == null ? parameter : byKey.getOrDefault(key, parameter);
    }

    private static String join(String path, String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }
}
