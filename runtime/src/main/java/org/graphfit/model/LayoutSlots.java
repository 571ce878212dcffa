package org.graphfit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot table of a model tree resolved by a {@link LayoutWalk}: per slot, its path and the free
 * parameter, fixed value or relation it holds; per free parameter, its object, path and slots; and
 * the look-ups from a parameter object, a {@code @Shared} key or a path to a free-parameter index,
 * each in constant time.
 */
final class LayoutSlots {
  /** The free index of a relation slot. */
  static final int RELATION_SLOT = -2;

  /** The free index of a fixed slot. */
  static final int FIXED_SLOT = -1;

  final String[] paths;

  /** Per slot, its free-parameter index, {@link #FIXED_SLOT} or {@link #RELATION_SLOT}. */
  final int[] freeIndex;

  /** Per slot, its fixed value, or NaN. */
  final double[] fixedValue;

  final Expression.Evaluator[] relation;
  final String[] relationText;

  /** Per slot, the free parameters it reads: itself, or a relation's free leaves. */
  final int[][] reads;

  /** Per slot, the free parameters first listed at it (leaves of a relation there). */
  final int[][] introduces;

  /** The relation slots, in slot order. */
  final int[] derived;

  final List<String> derivedPaths;
  final List<Parameter> freeParameters;
  final List<String> freePaths;

  /** Per free parameter, the slots it fills, in slot order. */
  final List<List<String>> slotPathsByFree;

  final List<LayoutWalk.Node> nodes;
  final List<ResolvedConstraint> constraints;

  private final Map<Parameter, Integer> indexByParameter;
  private final Map<String, Parameter> parameterByKey;
  private final Map<String, Integer> indexByPath = new HashMap<>();

  LayoutSlots(LayoutWalk walk) {
    int slots = walk.slotPaths.size();
    this.paths = walk.slotPaths.toArray(new String[0]);
    this.freeIndex = new int[slots];
    this.fixedValue = new double[slots];
    this.relation = new Expression.Evaluator[slots];
    this.relationText = new String[slots];
    this.reads = new int[slots][];
    this.introduces = new int[slots][];
    List<Integer> derivedSlots = new ArrayList<>();
    List<String> derivedNames = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      Parameter parameter = walk.slotParameters.get(slot);
      Integer index = walk.freeIndex.get(parameter);
      freeIndex[slot] = index == null ? FIXED_SLOT : index;
      fixedValue[slot] = parameter.isFixed() ? parameter.fixedValue() : Double.NaN;
      introduces[slot] = new int[0];
      if (parameter.isRelation()) {
        freeIndex[slot] = RELATION_SLOT;
        relation[slot] = walk.evaluator(parameter);
        relationText[slot] = walk.describe(parameter);
        reads[slot] = walk.freeLeafIndices(parameter);
        introduces[slot] = walk.introducedAt(paths[slot]);
        derivedSlots.add(slot);
        derivedNames.add(paths[slot]);
      } else {
        reads[slot] = index == null ? new int[0] : new int[] {index};
      }
    }
    this.derived = derivedSlots.stream().mapToInt(Integer::intValue).toArray();
    this.derivedPaths = List.copyOf(derivedNames);
    this.freeParameters = Collections.unmodifiableList(walk.freeParameters);
    this.freePaths = Collections.unmodifiableList(walk.freePaths);
    int free = freeParameters.size();
    List<List<String>> byFree = new ArrayList<>(free);
    for (int i = 0; i < free; i++) {
      byFree.add(new ArrayList<>(1));
    }
    for (LayoutWalk.Membership membership : walk.memberships) {
      byFree.get(walk.freeIndex.get(membership.parameter())).add(membership.path());
    }
    this.slotPathsByFree = byFree.stream().map(List::copyOf).toList();
    this.nodes = List.copyOf(walk.nodes);
    this.constraints = List.copyOf(walk.resolveConstraints());
    // the walk's maps: by identity (never by equals), and a key to the parameter standing for it
    this.indexByParameter = walk.freeIndex;
    this.parameterByKey = walk.byKey;
    for (int i = 0; i < free; i++) {
      indexByPath.putIfAbsent(freePaths.get(i), i);
    }
    // a shared parameter is also found by every other slot path it fills
    for (int i = 0; i < free; i++) {
      for (String path : slotPathsByFree.get(i)) {
        indexByPath.putIfAbsent(path, i);
      }
    }
  }

  /** The index of a parameter object, else of the free parameter with its shared key, else -1. */
  int indexOf(Parameter parameter) {
    Integer index = indexByParameter.get(parameter);
    if (index == null) {
      // every parameter with a key stands for the first one met with that key
      index =
          parameter.sharedKey().map(parameterByKey::get).map(indexByParameter::get).orElse(null);
    }
    return index == null ? -1 : index;
  }

  /** The index of the free parameter with a path (its own or any slot path it fills), or -1. */
  int indexOfPath(String path) {
    return indexByPath.getOrDefault(path, -1);
  }
}
