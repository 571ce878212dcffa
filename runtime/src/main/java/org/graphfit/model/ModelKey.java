package org.graphfit.model;

import java.util.Objects;

/**
 * Reads one model's instance, typed, from a {@link CollectionInstance} of the collection that
 * issued the key.
 *
 * @param <M> the model's instance type
 */
public final class ModelKey<M> {
  private final ModelCollection owner;
  private final String name;
  private final int index;

  ModelKey(ModelCollection owner, String name, int index) {
    this.owner = Objects.requireNonNull(owner);
    this.name = name;
    this.index = index;
  }

  /**
   * The name the model was added under.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  ModelCollection owner() {
    return owner;
  }

  int index() {
    return index;
  }

  @Override
  public String toString() {
    return name;
  }
}
