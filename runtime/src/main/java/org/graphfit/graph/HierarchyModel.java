package org.graphfit.graph;

import java.util.List;
import org.graphfit.model.Constraint;
import org.graphfit.model.Model;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;

/**
 * The model node of a {@link HierarchicalFactor} inside a graph: its hyper-parameters followed by
 * the drawn parameters, which are the same objects as in the factors' models and so the same free
 * parameters. Its instance is the slot values: hyper-parameters first.
 */
final class HierarchyModel implements Model<double[]> {
  private final HierarchicalFactor factor;

  HierarchyModel(HierarchicalFactor factor) {
    this.factor = factor;
  }

  @Override
  public String typeName() {
    return factor.distribution().familyName();
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    List<String> names = factor.distribution().hyperParameterNames();
    for (int i = 0; i < names.size(); i++) {
      visitor.parameter(names.get(i), factor.hyperParameters().get(i));
    }
    List<Parameter> drawn = factor.drawnParameters();
    for (int i = 0; i < drawn.size(); i++) {
      visitor.parameter("drawn_" + i, drawn.get(i));
    }
  }

  @Override
  public int slotCount() {
    return factor.hyperParameters().size() + factor.drawnParameters().size();
  }

  @Override
  public double[] instanceFromSlots(double[] slots, int offset) {
    double[] values = new double[slotCount()];
    System.arraycopy(slots, offset, values, 0, values.length);
    return values;
  }

  @Override
  public void slotsFromInstance(double[] instance, double[] slots, int offset) {
    System.arraycopy(instance, 0, slots, offset, slotCount());
  }

  @Override
  public List<Constraint> constraints() {
    return List.of();
  }

  /**
   * The log density of the drawn values given the hyper-parameters, both taken from an instance.
   */
  double logDensity(double[] instance) {
    int hyperCount = factor.hyperParameters().size();
    double[] hyper = new double[hyperCount];
    System.arraycopy(instance, 0, hyper, 0, hyperCount);
    double sum = 0;
    for (int i = hyperCount; i < instance.length; i++) {
      sum += factor.distribution().logDensity(instance[i], hyper);
    }
    return sum;
  }
}
