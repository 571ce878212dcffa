package org.graphfit.plot;

import org.graphfit.graph.HierarchicalFactor;

/**
 * A captioned figure or text block of a {@link Report}; a key names the figures a caller may
 * replace ({@code corner}, {@code hierarchy:<name>}), null for the others.
 *
 * @param caption the caption
 * @param figure the picture, null for a text block
 * @param text the text, null for a picture
 * @param key the key of a replaceable figure, else null
 */
record ReportEntry(String caption, Figure figure, String text, String key) {
  private static final String CORNER = "corner";
  private static final String HIERARCHY = "hierarchy:";

  ReportEntry(String caption, Figure figure, String text) {
    this(caption, figure, text, null);
  }

  /** The corner plot's entry, its caption with the plot's note. */
  static ReportEntry corner(CornerPlot corner) {
    return new ReportEntry(
        "Posterior: marginals and pairs" + corner.note().map(note -> " (" + note + ")").orElse(""),
        corner,
        null,
        CORNER);
  }

  /** A hierarchical factor's plot's entry. */
  static ReportEntry hierarchy(HierarchicalFactor factor, HierarchyPlot plot) {
    return new ReportEntry(
        "Hierarchy '" + factor.name() + "'", plot, null, HIERARCHY + factor.name());
  }
}
