package org.graphfit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A heterogeneous, named, ordered group of models: PyAutoFit's {@code af.Collection}. Named {@code
 * ModelCollection} so it never clashes with {@code java.util.Collection}.
 *
 * <pre>{@code
 * ModelCollection collection = new ModelCollection();
 * ModelKey<Gaussian> first = collection.add("gaussian_0", GaussianModel.withDefaults());
 * CollectionInstance instance = collection.instanceFromVector(vector);
 * Gaussian gaussian = instance.get(first);
 * }</pre>
 */
public final class ModelCollection implements Model<CollectionInstance> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, Model<?>> models = new LinkedHashMap<>();
  private final List<Constraint> constraints = new ArrayList<>();

  /** The models and names in order, made on first use after a change (adding is then O(1)). */
  private volatile Ordered ordered;

  private record Ordered(Model<?>[] models, List<String> names) {}

  /** An empty collection. */
  public ModelCollection() {}

  /**
   * Adds a model under a name.
   *
   * @param name a Java-identifier-like name, unique in this collection
   * @param model the model
   * @param <M> the model's instance type
   * @return the key that reads this model's instance back from a {@link CollectionInstance}
   * @throws IllegalArgumentException if the name is malformed or taken
   */
  public <M> ModelKey<M> add(String name, Model<M> model) {
    Objects.requireNonNull(model, "model");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name '"
              + name
              + "' must be an identifier such as gaussian_0 (letters, digits, _)");
    }
    if (models.containsKey(name)) {
      throw new IllegalArgumentException(
          "the collection already has a model named '" + name + "'; choose another name");
    }
    models.put(name, model);
    ordered = null;
    return new ModelKey<>(this, name, models.size() - 1);
  }

  /**
   * Attaches a constraint, checked before every likelihood of a fit that contains this collection.
   *
   * @param constraint the constraint
   */
  public void addConstraint(Constraint constraint) {
    constraints.add(Objects.requireNonNull(constraint, "constraint"));
  }

  /**
   * The models by name, in insertion order.
   *
   * @return an unmodifiable view
   */
  public Map<String, Model<?>> models() {
    return Collections.unmodifiableMap(models);
  }

  @Override
  public String typeName() {
    return "Collection";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    models.forEach(visitor::component);
  }

  @Override
  public int slotCount() {
    int count = 0;
    for (Model<?> model : ordered().models()) {
      count += model.slotCount();
    }
    return count;
  }

  @Override
  public CollectionInstance instanceFromSlots(double[] slots, int offset) {
    Ordered current = ordered();
    Model<?>[] children = current.models();
    Object[] instances = new Object[children.length];
    int position = offset;
    for (int i = 0; i < children.length; i++) {
      instances[i] = children[i].instanceFromSlots(slots, position);
      position += children[i].slotCount();
    }
    return new CollectionInstance(this, current.names(), instances);
  }

  @Override
  public void slotsFromInstance(CollectionInstance instance, double[] slots, int offset) {
    Model<?>[] children = ordered().models();
    int position = offset;
    for (int i = 0; i < children.length; i++) {
      writeSlots(children[i], instance.get(i), slots, position);
      position += children[i].slotCount();
    }
  }

  private Ordered ordered() {
    Ordered current = ordered;
    // the size check also catches a snapshot made from the map as it was before a concurrent add
    if (current == null || current.models().length != models.size()) {
      current = new Ordered(models.values().toArray(new Model<?>[0]), List.copyOf(models.keySet()));
      ordered = current;
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static <M> void writeSlots(Model<M> model, Object instance, double[] slots, int offset) {
    model.slotsFromInstance((M) instance, slots, offset);
  }

  @Override
  public List<Constraint> constraints() {
    return Collections.unmodifiableList(constraints);
  }
}
