package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphStructure;

/**
 * Draws a factor graph as PNG or SVG in three rows: global variables (gold, bold) on top, factors
 * (blue squares; hierarchical ones violet) in the middle, each factor's local variables below it.
 * Only the first {@value #MAX_FACTORS} analysis factors (and every hierarchical factor) are drawn,
 * with a note of how many are not.
 */
public final class FactorGraphPicture {
  /** The largest number of factors drawn. */
  public static final int MAX_FACTORS = 40;

  private static final int COLUMN = 112;
  private static final int MARGIN = 40;
  private static final int GLOBAL_ROW = 70;
  private static final int FACTOR_ROW = 190;
  private static final int LOCAL_ROW = 310;
  private static final int HEIGHT = 400;
  private static final Color FACTOR = new Color(0xDB, 0xE9, 0xF6);
  private static final Color HIERARCHICAL = new Color(0xE8, 0xD5, 0xF2);
  private static final Color GLOBAL = new Color(0xF6, 0xC8, 0x5F);

  private final GraphStructure structure;
  private final List<double[]> factorCentres = new ArrayList<>();
  private final List<double[]> variableCentres = new ArrayList<>();
  private final int width;
  private final int hiddenFactors;

  private FactorGraphPicture(GraphStructure structure) {
    this.structure = structure;
    int total = structure.factors().size();
    List<Integer> shown = new ArrayList<>();
    int analysisShown = 0;
    for (int f = 0; f < total; f++) {
      boolean hierarchical = structure.factors().get(f).hierarchical();
      if (hierarchical || analysisShown < MAX_FACTORS) {
        shown.add(f);
        analysisShown += hierarchical ? 0 : 1;
      }
      factorCentres.add(null);
    }
    this.hiddenFactors = total - shown.size();
    List<List<Integer>> locals = new ArrayList<>();
    for (int f = 0; f < total; f++) {
      locals.add(new ArrayList<>());
    }
    int globals = 0;
    for (int v = 0; v < structure.variables().size(); v++) {
      variableCentres.add(null);
      if (structure.variables().get(v).global()) {
        globals++;
      }
    }
    for (GraphStructure.Edge edge : structure.edges()) {
      if (!structure.variables().get(edge.variable()).global()
          && !structure.factors().get(edge.factor()).hierarchical()) {
        locals.get(edge.factor()).add(edge.variable());
      }
    }
    double x = MARGIN;
    for (int f : shown) {
      int columns = Math.max(1, locals.get(f).size());
      double groupWidth = columns * COLUMN;
      factorCentres.set(f, new double[] {x + groupWidth / 2, FACTOR_ROW});
      for (int i = 0; i < locals.get(f).size(); i++) {
        variableCentres.set(locals.get(f).get(i), new double[] {x + (i + 0.5) * COLUMN, LOCAL_ROW});
      }
      x += groupWidth;
    }
    int contentWidth = (int) Math.max(x - MARGIN, globals * COLUMN);
    this.width = contentWidth + 2 * MARGIN;
    double globalX = MARGIN + (contentWidth - globals * COLUMN) / 2.0;
    for (int v = 0; v < structure.variables().size(); v++) {
      if (structure.variables().get(v).global()) {
        variableCentres.set(v, new double[] {globalX + COLUMN / 2.0, GLOBAL_ROW});
        globalX += COLUMN;
      }
    }
  }

  /**
   * A picture of a graph.
   *
   * @param graph the graph
   * @return the picture
   */
  public static FactorGraphPicture of(FactorGraph graph) {
    return new FactorGraphPicture(GraphStructure.of(graph));
  }

  /**
   * Writes the picture as PNG.
   *
   * @param file the target file
   */
  public void writePng(Path file) {
    Pictures.writePng(file, width, HEIGHT, this::paint);
  }

  /**
   * Writes the picture as SVG.
   *
   * @param file the target file
   */
  public void writeSvg(Path file) {
    Pictures.writeSvg(file, width, HEIGHT, this::paint);
  }

  private void paint(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1.2f));
    for (GraphStructure.Edge edge : structure.edges()) {
      double[] from = factorCentres.get(edge.factor());
      double[] to = variableCentres.get(edge.variable());
      if (from != null && to != null) {
        g.draw(new Line2D.Double(from[0], from[1], to[0], to[1]));
      }
    }
    for (int f = 0; f < factorCentres.size(); f++) {
      GraphStructure.FactorNode node = structure.factors().get(f);
      double[] centre = factorCentres.get(f);
      if (centre == null) {
        continue;
      }
      Rectangle2D box = new Rectangle2D.Double(centre[0] - 16, centre[1] - 16, 32, 32);
      g.setColor(node.hierarchical() ? HIERARCHICAL : FACTOR);
      g.fill(box);
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(1.5f));
      g.draw(box);
      label(g, node.name(), centre[0], centre[1] + 32);
    }
    for (int v = 0; v < variableCentres.size(); v++) {
      double[] centre = variableCentres.get(v);
      if (centre == null) {
        continue;
      }
      GraphStructure.VariableNode node = structure.variables().get(v);
      Ellipse2D circle = new Ellipse2D.Double(centre[0] - 14, centre[1] - 14, 28, 28);
      g.setColor(node.global() ? GLOBAL : Color.WHITE);
      g.fill(circle);
      g.setColor(Color.DARK_GRAY);
      g.setStroke(new BasicStroke(node.global() ? 3f : 1.2f));
      g.draw(circle);
      label(g, node.label(), centre[0], centre[1] + (node.global() ? -22 : 30));
    }
    g.setColor(Color.BLACK);
    String legend =
        "squares: factors    circles: variables    gold: global (shared) variables"
            + (hiddenFactors > 0 ? "    (" + hiddenFactors + " more factors not drawn)" : "");
    g.drawString(legend, MARGIN, HEIGHT - 20);
  }

  private static void label(Graphics2D g, String text, double x, double y) {
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(Color.BLACK);
    g.drawString(text, (float) (x - metrics.stringWidth(text) / 2.0), (float) y);
  }
}
