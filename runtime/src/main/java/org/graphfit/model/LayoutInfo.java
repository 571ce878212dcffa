package org.graphfit.model;

import java.util.Arrays;
import org.graphfit.prior.Prior;

/**
 * The text of {@link ModelLayout#info()}: the model tree with each node's number of free
 * parameters, then every slot with its prior, fixed value or relation, then the constraints. It
 * takes time linear in the slots times the depth of the tree.
 */
final class LayoutInfo {
  private static final int NAME_COLUMN = 40;

  private final LayoutSlots slots;
  private final Prior[] priors;

  /** Per free parameter, the last node that counted it (-1 for none). */
  private final int[] countedBy;

  private LayoutInfo(LayoutSlots slots, Prior[] priors) {
    this.slots = slots;
    this.priors = priors;
    this.countedBy = new int[priors.length];
    Arrays.fill(countedBy, -1);
  }

  /** The description of a layout's slots with their priors. */
  static String of(LayoutSlots slots, Prior[] priors) {
    return new LayoutInfo(slots, priors).render();
  }

  private String render() {
    StringBuilder text = new StringBuilder();
    text.append("Total Free Parameters = ").append(priors.length).append("\n\n");
    for (int n = 0; n < slots.nodes.size(); n++) {
      LayoutWalk.Node node = slots.nodes.get(n);
      String name = "    ".repeat(node.depth()) + node.name();
      text.append(pad(name))
          .append(node.typeName())
          .append(" (N=")
          .append(freeCount(n, node))
          .append(")\n");
    }
    text.append('\n');
    for (int slot = 0; slot < slots.paths.length; slot++) {
      text.append(pad(slots.paths[slot]));
      int index = slots.freeIndex[slot];
      if (index >= 0) {
        appendPrior(text, index);
        if (!slots.freePaths.get(index).equals(slots.paths[slot])) {
          text.append(" (shared with ").append(slots.freePaths.get(index)).append(')');
        }
      } else if (index == LayoutSlots.RELATION_SLOT) {
        text.append("Relation = ").append(slots.relationText[slot]);
      } else {
        text.append("Fixed, value = ").append(slots.fixedValue[slot]);
      }
      text.append('\n');
      for (int leaf : slots.introduces[slot]) {
        text.append(pad(slots.freePaths.get(leaf)));
        appendPrior(text, leaf);
        text.append('\n');
      }
    }
    if (!slots.constraints.isEmpty()) {
      text.append("\nConstraints\n");
      for (ResolvedConstraint constraint : slots.constraints) {
        text.append("    ").append(constraint.description()).append('\n');
      }
    }
    return text.toString();
  }

  private void appendPrior(StringBuilder text, int index) {
    String description = priors[index].toString();
    int comma = description.indexOf(',');
    String head = comma < 0 ? description : description.substring(0, comma);
    String tail = comma < 0 ? "" : description.substring(comma);
    text.append(head).append(" [").append(index).append(']').append(tail);
  }

  /** The distinct free parameters a node's slots read; node {@code n} marks those it counted. */
  private int freeCount(int n, LayoutWalk.Node node) {
    int count = 0;
    for (int slot = node.firstSlot(); slot < node.endSlot(); slot++) {
      for (int index : slots.reads[slot]) {
        if (countedBy[index] != n) {
          countedBy[index] = n;
          count++;
        }
      }
    }
    return count;
  }

  private static String pad(String text) {
    return text.length() >= NAME_COLUMN
        ? text + " "
        : text + " ".repeat(NAME_COLUMN - text.length());
  }
}
