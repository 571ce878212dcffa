package org.graphfit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.graphfit.prior.Prior;

/**
 * The model of a {@code double[]} component parameter: one parameter per element, each free, fixed,
 * shared or a relation on its own. Element {@code i} of parameter {@code coefficients} has the path
 * {@code coefficients.i}. The length is part of the model: change it before taking a layout, never
 * while a fit uses it.
 *
 * <pre>{@code
 * PolynomialModel model = PolynomialModel.withDefaults().coefficients(4);
 * model.coefficients().fix(0, 0.0).set(3, Prior.gaussian(0, 0.1));
 * }</pre>
 */
public final class ParameterArray implements Model<double[]> {
  private final IntFunction<Parameter> defaults;
  private final List<Parameter> elements = new ArrayList<>();

  private ParameterArray(IntFunction<Parameter> defaults) {
    this.defaults = defaults;
  }

  /**
   * An array of a given length whose elements, and those added later by {@link #resize(int)}, are
   * made by {@code defaults}.
   *
   * @param size the length, zero or more
   * @param defaults the parameter of element {@code i}, a new object per call
   * @return the array
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static ParameterArray of(int size, IntFunction<Parameter> defaults) {
    ParameterArray array = new ParameterArray(Objects.requireNonNull(defaults, "defaults"));
    return array.resize(size);
  }

  /**
   * Changes the length: new elements take the defaults, elements past the new length are dropped.
   *
   * @param size the new length, zero or more
   * @return this array
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public ParameterArray resize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("an array parameter's size must be >= 0 but was " + size);
    }
    while (elements.size() > size) {
      elements.remove(elements.size() - 1);
    }
    while (elements.size() < size) {
      elements.add(Objects.requireNonNull(defaults.apply(elements.size()), "default element"));
    }
    return this;
  }

  /**
   * The length.
   *
   * @return the number of elements
   */
  public int size() {
    return elements.size();
  }

  /**
   * The parameter of element {@code index}.
   *
   * @param index an element index
   * @return its parameter
   * @throws IndexOutOfBoundsException if there is no such element
   */
  public Parameter get(int index) {
    return elements.get(checked(index));
  }

  /**
   * Makes element {@code index} a free parameter with its own prior.
   *
   * @param index an element index
   * @param prior its prior
   * @return this array
   */
  public ParameterArray set(int index, Prior prior) {
    return set(index, Parameter.free(prior));
  }

  /**
   * Puts a given parameter (shared, fixed or a relation) in element {@code index}.
   *
   * @param index an element index
   * @param parameter the parameter
   * @return this array
   */
  public ParameterArray set(int index, Parameter parameter) {
    elements.set(checked(index), Objects.requireNonNull(parameter, "parameter"));
    return this;
  }

  /**
   * Fixes element {@code index} to a value.
   *
   * @param index an element index
   * @param value the value, finite
   * @return this array
   */
  public ParameterArray fix(int index, double value) {
    return set(index, Parameter.fixed(value));
  }

  /**
   * Gives every element its own free parameter with the same prior.
   *
   * @param prior the prior
   * @return this array
   */
  public ParameterArray setAll(Prior prior) {
    for (int i = 0; i < elements.size(); i++) {
      elements.set(i, Parameter.free(prior));
    }
    return this;
  }

  private int checked(int index) {
    if (index < 0 || index >= elements.size()) {
      throw new IndexOutOfBoundsException(
          "element " + index + " of an array parameter of size " + elements.size());
    }
    return index;
  }

  /**
   * A copy with every element mapped, and the same defaults for elements added later.
   *
   * @param mapping the parameter mapping of the copy
   * @return the copy
   */
  public ParameterArray copy(ParameterMapping mapping) {
    ParameterArray copy = new ParameterArray(defaults);
    for (Parameter element : elements) {
      copy.elements.add(mapping.apply(element));
    }
    return copy;
  }

  @Override
  public String typeName() {
    return "Array";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    for (int i = 0; i < elements.size(); i++) {
      visitor.parameter(Integer.toString(i), elements.get(i));
    }
  }

  @Override
  public int slotCount() {
    return elements.size();
  }

  @Override
  public double[] instanceFromSlots(double[] slots, int offset) {
    return Arrays.copyOfRange(slots, offset, offset + elements.size());
  }

  /**
   * Copies the array's values.
   *
   * @throws IllegalArgumentException if its length is not this model's size
   */
  @Override
  public void slotsFromInstance(double[] instance, double[] slots, int offset) {
    if (instance.length != elements.size()) {
      throw new IllegalArgumentException(
          "an array of length "
              + instance.length
              + " does not fit an array parameter of size "
              + elements.size());
    }
    System.arraycopy(instance, 0, slots, offset, instance.length);
  }

  @Override
  public List<Constraint> constraints() {
    return List.of();
  }
}
