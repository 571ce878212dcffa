package org.graphfit.model;

import java.util.List;

/** The instance of a {@link ModelCollection}: one instance per named model. */
public final class CollectionInstance {
  private final ModelCollection source;
  private final List<String> names;
  private final Object[] instances;

  CollectionInstance(ModelCollection source, List<String> names, Object[] instances) {
    this.source = source;
    this.names = names;
    this.instances = instances;
  }

  /**
   * The instance of the model behind {@code key}.
   *
   * @param key a key issued by this instance's collection
   * @param <M> the instance type
   * @return the instance
   * @throws IllegalArgumentException if the key belongs to another collection
   */
  @SuppressWarnings("unchecked")
  public <M> M get(ModelKey<M> key) {
    if (key.owner() != source) {
      throw new IllegalArgumentException(
          "key '" + key.name() + "' was issued by another collection than this instance's");
    }
    return (M) instances[key.index()];
  }

  /**
   * The instance of the model added under {@code name}.
   *
   * @param name the model's name
   * @return the instance
   * @throws IllegalArgumentException if no model has that name
   */
  public Object get(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no model named '" + name + "'; the names are " + names);
    }
    return instances[index];
  }

  Object get(int index) {
    return instances[index];
  }

  /**
   * The names of the models, in order.
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The number of instances.
   *
   * @return the number of models in the collection
   */
  public int size() {
    return instances.length;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CollectionInstance[");
    for (int i = 0; i < instances.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(instances[i]);
    }
    return text.append(']').toString();
  }
}
