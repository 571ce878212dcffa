package org.graphfit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The model of a {@code List} of components: one nested model per element, the length chosen when
 * the model is built. Element {@code i} of parameter {@code gaussians} has paths such as {@code
 * gaussians.i.centre}; the instance is an unmodifiable list. Change the length before taking a
 * layout, never while a fit uses it.
 *
 * <pre>{@code
 * ProfileModel model = ProfileModel.withDefaults().gaussians(3);
 * model.gaussians().get(2).sigma(Prior.uniform(0, 5));
 * }</pre>
 *
 * @param <T> the component type
 * @param <M> its generated model type
 */
public final class ModelList<T, M extends Model<T>> implements Model<List<T>> {
  private final Supplier<M> defaults;
  private final List<M> models = new ArrayList<>();

  private ModelList(Supplier<M> defaults) {
    this.defaults = defaults;
  }

  /**
   * A list of a given length whose models, and those added later by {@link #resize(int)}, are made
   * by {@code defaults}.
   *
   * @param size the length, zero or more
   * @param defaults a new model per call, e.g. {@code GaussianModel::withDefaults}
   * @param <T> the component type
   * @param <M> its model type
   * @return the list model
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static <T, M extends Model<T>> ModelList<T, M> of(int size, Supplier<M> defaults) {
    return new ModelList<T, M>(Objects.requireNonNull(defaults, "defaults")).resize(size);
  }

  /**
   * Changes the length: new elements take default models, elements past the new length are dropped.
   *
   * @param size the new length, zero or more
   * @return this list model
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public ModelList<T, M> resize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("a list parameter's size must be >= 0 but was " + size);
    }
    while (models.size() > size) {
      models.remove(models.size() - 1);
    }
    while (models.size() < size) {
      models.add(Objects.requireNonNull(defaults.get(), "default model"));
    }
    return this;
  }

  /**
   * Appends a model.
   *
   * @param model the model of the new last element
   * @return this list model
   */
  public ModelList<T, M> add(M model) {
    models.add(Objects.requireNonNull(model, "model"));
    return this;
  }

  /**
   * Replaces the model of element {@code index}.
   *
   * @param index an element index
   * @param model the model
   * @return this list model
   */
  public ModelList<T, M> set(int index, M model) {
    models.set(index, Objects.requireNonNull(model, "model"));
    return this;
  }

  /**
   * The model of element {@code index}.
   *
   * @param index an element index
   * @return its model
   * @throws IndexOutOfBoundsException if there is no such element
   */
  public M get(int index) {
    return models.get(index);
  }

  /**
   * The length.
   *
   * @return the number of elements
   */
  public int size() {
    return models.size();
  }

  /**
   * The element models in order.
   *
   * @return an unmodifiable view
   */
  public List<M> models() {
    return Collections.unmodifiableList(models);
  }

  /**
   * A copy with every element model copied by {@code copy}, e.g. {@code model ->
   * model.copy(mapping)}, and the same defaults for elements added later.
   *
   * @param copy copies one element model
   * @return the copy
   */
  public ModelList<T, M> copy(UnaryOperator<M> copy) {
    ModelList<T, M> list = new ModelList<>(defaults);
    for (M model : models) {
      list.models.add(Objects.requireNonNull(copy.apply(model), "copied model"));
    }
    return list;
  }

  @Override
  public String typeName() {
    return "List";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    for (int i = 0; i < models.size(); i++) {
      visitor.component(Integer.toString(i), models.get(i));
    }
  }

  @Override
  public int slotCount() {
    int count = 0;
    for (M model : models) {
      count += model.slotCount();
    }
    return count;
  }

  @Override
  public List<T> instanceFromSlots(double[] slots, int offset) {
    Object[] instances = new Object[models.size()];
    int position = offset;
    for (int i = 0; i < instances.length; i++) {
      M model = models.get(i);
      instances[i] = model.instanceFromSlots(slots, position);
      position += model.slotCount();
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(instances));
    return list;
  }

  /**
   * Writes each element's slots.
   *
   * @throws IllegalArgumentException if the list's length is not this model's size
   */
  @Override
  public void slotsFromInstance(List<T> instance, double[] slots, int offset) {
    if (instance.size() != models.size()) {
      throw new IllegalArgumentException(
          "a list of "
              + instance.size()
              + " components does not fit a list parameter of size "
              + models.size());
    }
    int position = offset;
    for (int i = 0; i < models.size(); i++) {
      M model = models.get(i);
      model.slotsFromInstance(instance.get(i), slots, position);
      position += model.slotCount();
    }
  }

  @Override
  public List<Constraint> constraints() {
    return List.of();
  }
}
