package org.graphfit.testing;

import org.graphfit.model.ComponentModel;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;

/** A one-parameter model whose instance is the value itself. */
public final class ValueModel extends ComponentModel<Double> {
  private final Parameter value;

  /**
   * A model with the given prior.
   *
   * @param prior the prior of the value
   */
  public ValueModel(Prior prior) {
    this(Parameter.free(prior));
  }

  private ValueModel(Parameter value) {
    this.value = value;
  }

  @Override
  public ValueModel copy(ParameterMapping mapping) {
    ValueModel copy = new ValueModel(mapping.apply(value));
    copy.copyConstraints(this, mapping);
    return copy;
  }

  /**
   * The value's parameter, e.g. to draw it from a hierarchical factor.
   *
   * @return the parameter
   */
  public Parameter value() {
    return value;
  }

  @Override
  public String typeName() {
    return "Value";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    visitor.parameter("value", value);
  }

  @Override
  public int slotCount() {
    return 1;
  }

  @Override
  public Double instanceFromSlots(double[] slots, int offset) {
    return slots[offset];
  }

  @Override
  public void slotsFromInstance(Double instance, double[] slots, int offset) {
    slots[offset] = instance;
  }
}
