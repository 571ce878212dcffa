package org.graphfit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The depth-first walk of a model tree that collects its slots, resolves sharing ({@code @Shared}
 * keys and repeated parameter objects), registers relation leaves and checks every parameter; then
 * resolves the model's constraints over the free parameters it found.
 */
final class LayoutWalk {
  final List<String> slotPaths = new ArrayList<>();
  final List<Parameter> slotParameters = new ArrayList<>();

  /** Each free parameter's index, by identity: the layout's look-up of a parameter object. */
  final Map<Parameter, Integer> freeIndex = new IdentityHashMap<>();

  final Map<Parameter, String> firstPath = new IdentityHashMap<>();
  final List<Parameter> freeParameters = new ArrayList<>();
  final List<String> freePaths = new ArrayList<>();

  /** Each {@code @Shared} key's first parameter, which stands for every one with that key. */
  final Map<String, Parameter> byKey = new HashMap<>();

  final Map<String, String> keyPath = new HashMap<>();
  final List<Node> nodes = new ArrayList<>();
  final List<Constraint> declaredConstraints = new ArrayList<>();
  private final Set<Constraint> knownConstraints =
      Collections.newSetFromMap(new IdentityHashMap<>());
  final List<String> unset = new ArrayList<>();

  /** Every (free parameter, path) a slot or relation leaf gives, in walk order. */
  final List<Membership> memberships = new ArrayList<>();

  /** Relation slot paths to the free parameters first listed there. */
  final Map<String, List<Integer>> introduced = new HashMap<>();

  /** A free parameter and one slot path it fills. */
  record Membership(Parameter parameter, String path) {}

  /** A node of the model tree, for descriptions: its slots are {@code [firstSlot, endSlot)}. */
  record Node(int depth, String name, String typeName, int firstSlot, int endSlot) {}

  /**
   * Walks a model and its components; at the root, checks that every parameter is free or fixed.
   */
  void walk(Model<?> model, String path, int depth) {
    int nodeIndex = nodes.size();
    nodes.add(null);
    int firstSlot = slotPaths.size();
    for (Constraint constraint : model.constraints()) {
      if (knownConstraints.add(constraint)) {
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
    return introduced.getOrDefault(path, List.of()).stream().mapToInt(Integer::intValue).toArray();
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
