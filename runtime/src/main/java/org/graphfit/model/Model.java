package org.graphfit.model;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A model of instances of {@code T}: a tree of parameter slots (free, fixed or shared) and nested
 * models, and the reflection-free code that turns slot values into an instance and back.
 *
 * <p>Slots are numbered depth first in the order {@link #visitChildren(ModelVisitor)} reports them;
 * a nested model's slots are contiguous. The <em>free parameters</em> of a model are its distinct
 * free slots in order of first appearance, each shared parameter counted once; vectors handed to
 * {@link #instanceFromVector(double[])} follow that order, which {@link #info()} prints.
 *
 * <p>The convenience methods below build a {@link ModelLayout} on every call; code that maps many
 * vectors (every search) takes {@link #layout()} once and uses it.
 *
 * @param <T> the type of instance
 */
public interface Model<T> {

  /**
   * The name of the component type, e.g. {@code Gaussian} or {@code Collection}.
   *
   * @return the type name shown in descriptions
   */
  String typeName();

  /**
   * Reports this model's direct children, parameter slots and nested models, in slot order.
   *
   * @param visitor the receiver
   */
  void visitChildren(ModelVisitor visitor);

  /**
   * The number of {@code double} slots in this model's tree, fixed ones included.
   *
   * @return the slot count
   */
  int slotCount();

  /**
   * Builds an instance from slot values.
   *
   * @param slots slot values, this model's starting at {@code offset}
   * @param offset the index of this model's first slot
   * @return the instance
   */
  T instanceFromSlots(double[] slots, int offset);

  /**
   * Writes an instance's slot values: the inverse of {@link #instanceFromSlots(double[], int)}.
   *
   * @param instance the instance
   * @param slots the destination
   * @param offset where this model's first slot goes
   */
  void slotsFromInstance(T instance, double[] slots, int offset);

  /**
   * Constraints attached to this model node, checked before a likelihood is computed.
   *
   * @return the constraints, possibly empty
   */
  List<Constraint> constraints();

  /**
   * The free-parameter layout of the model as it is now.
   *
   * @return the layout
   * @throws IllegalStateException if a parameter has neither prior nor fixed value, or shared
   *     parameters disagree
   */
  default ModelLayout<T> layout() {
    return ModelLayout.of(this);
  }

  /**
   * The number of free parameters, each shared parameter counted once.
   *
   * @return the number of free parameters
   */
  default int priorCount() {
    return layout().priorCount();
  }

  /**
   * The instance at a point of the unit hypercube, each coordinate mapped by its prior.
   *
   * @param unit one number in {@code [0, 1]} per free parameter
   * @return the instance
   */
  default T instanceFromUnitVector(double[] unit) {
    return layout().instanceFromUnitVector(unit);
  }

  /**
   * The instance with the given free-parameter values.
   *
   * @param vector one value per free parameter
   * @return the instance
   */
  default T instanceFromVector(double[] vector) {
    return layout().instanceFromVector(vector);
  }

  /**
   * The free-parameter values of an instance.
   *
   * @param instance the instance
   * @return one value per free parameter
   */
  default double[] vectorFromInstance(T instance) {
    return layout().vectorFromInstance(instance);
  }

  /**
   * The median of each free parameter's prior.
   *
   * @return one value per free parameter
   */
  default double[] priorMedians() {
    return layout().priorMedians();
  }

  /**
   * The instance at the prior medians.
   *
   * @return the instance
   */
  default T instanceFromPriorMedians() {
    return layout().instanceFromVector(layout().priorMedians());
  }

  /**
   * A random instance drawn from the priors.
   *
   * @param rng the source of randomness
   * @return the instance
   */
  default T randomInstance(UniformRandomProvider rng) {
    return layout().randomInstance(rng);
  }

  /**
   * A description in the spirit of PyAutoFit's {@code model.info}: the number of free parameters,
   * the component tree, and one line per parameter with its prior.
   *
   * @return the description
   */
  default String info() {
    return layout().info();
  }
}
