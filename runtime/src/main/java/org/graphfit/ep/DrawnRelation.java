package org.graphfit.ep;

import java.util.Arrays;
import java.util.List;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.Constraint;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;

/**
 * A relation drawn by a hierarchical factor, as a model of one slot: its layout's free parameters
 * are the relation's free leaves and its instance is the relation's value, so the parent factor
 * {@code p(g(leaves) | hyper-parameters)} is a factor over the leaves and the hyper-parameters. EP
 * integrates it on a product grid over all of them, in the leaves' latent coordinates; at most
 * {@value #MAX_DIMENSIONS} dimensions (leaves plus free hyper-parameters) are accepted.
 */
final class DrawnRelation implements Model<Double> {
  /** The largest grid a drawn relation's parent factor is integrated on. */
  static final int MAX_DIMENSIONS = 4;

  private final Parameter relation;

  private DrawnRelation(Parameter relation) {
    this.relation = relation;
  }

  /**
   * The parent factor of drawn parameter {@code index}, a relation.
   *
   * @param hierarchy the hierarchical factor
   * @param index the drawn parameter's index
   * @param layout the graph's layout
   * @param hyperVariables each hyper-parameter's variable index, or -1 if fixed
   * @param hyperPriors each free hyper-parameter's prior
   * @param fixedHyper each fixed hyper-parameter's value
   * @return the factor
   * @throws IllegalStateException if the relation reads a hyper-parameter of the hierarchy or its
   *     grid would have more than {@value #MAX_DIMENSIONS} dimensions
   */
  static ParentFactor factor(
      HierarchicalFactor hierarchy,
      int index,
      ModelLayout<CollectionInstance> layout,
      int[] hyperVariables,
      Prior[] hyperPriors,
      double[] fixedHyper) {
    Parameter drawn = hierarchy.drawnParameters().get(index);
    ModelLayout<Double> own = new DrawnRelation(drawn).layout();
    List<Parameter> leaves = own.freeParameters();
    int[] leafVariables = new int[leaves.size()];
    Prior[] leafPriors = new Prior[leaves.size()];
    int free = (int) Arrays.stream(hyperVariables).filter(v -> v >= 0).count();
    for (int j = 0; j < leafVariables.length; j++) {
      leafVariables[j] = layout.indexOf(leaves.get(j));
      leafPriors[j] = layout.prior(leafVariables[j]);
      for (int variable : hyperVariables) {
        if (variable == leafVariables[j]) {
          throw new IllegalStateException(
              "hierarchical factor '"
                  + hierarchy.name()
                  + "' draws a relation (drawn parameter "
                  + index
                  + ", "
                  + drawn
                  + ") that reads one of its own hyper-parameters; expectation propagation"
                  + " cannot split that factor: fit this graph jointly (graph.fit(search))");
        }
      }
    }
    if (leafVariables.length + free > MAX_DIMENSIONS) {
      throw new IllegalStateException(
          "hierarchical factor '"
              + hierarchy.name()
              + "' draws a relation of "
              + leafVariables.length
              + " free parameters (drawn parameter "
              + index
              + ", "
              + drawn
              + "): with its "
              + free
              + " free hyper-parameters its parent factor would need a "
              + (leafVariables.length + free)
              + "-dimensional quadrature grid, and expectation propagation integrates at most "
              + MAX_DIMENSIONS
              + "; draw the relation's free leaf instead (e.g. draw c in m * x + c), or fit this"
              + " graph jointly (graph.fit(search))");
    }
    return new ParentFactor(
        hierarchy.name() + "[" + index + "]",
        hierarchy.distribution(),
        leafVariables,
        leafPriors,
        values -> {
          try {
            return own.instanceFromVector(values);
          } catch (RuntimeException e) {
            return Double.NaN; // a relation undefined at the leaves: no parent density there
          }
        },
        hyperVariables,
        hyperPriors,
        fixedHyper);
  }

  @Override
  public String typeName() {
    return "DrawnRelation";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    visitor.parameter("value", relation);
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

  @Override
  public List<Constraint> constraints() {
    return List.of();
  }
}
