package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphStructure;

/**
 * A factor graph as PNG or SVG, in layers: hyper-parameters (gold) over the parent factors (violet
 * boxes) over the variables they draw and the variables several factors share (gold), over the
 * analysis factors (blue boxes) over each factor's own variables. Shared variables carry the name
 * their slots share ({@code centre}); labels sit inside their nodes and every edge joins
 * neighbouring layers, so edges cross no label. A group of more than {@value #DEFAULT_PLATE_ABOVE}
 * alike factors (same analysis, model type and links, e.g. one dataset each) is drawn once inside a
 * plate with its count, so a graph of 1,000 datasets draws as one of 3.
 */
public final class FactorGraphPicture implements Figure {
  /** Groups of more alike factors than this are drawn as plates unless told otherwise. */
  public static final int DEFAULT_PLATE_ABOVE = 6;

  private static final Color FACTOR = new Color(0xDB, 0xE9, 0xF6);
  private static final Color FACTOR_LINE = new Color(0x3C, 0x5A, 0x7A);
  private static final Color PARENT = new Color(0xE8, 0xD5, 0xF2);
  private static final Color PARENT_LINE = new Color(0x6A, 0x3D, 0x8A);
  private static final Color GLOBAL = new Color(0xF6, 0xC8, 0x5F);
  private static final Color GLOBAL_LINE = new Color(0x8A, 0x61, 0x00);
  private static final Color LOCAL_LINE = new Color(0x55, 0x55, 0x55);
  private static final Color PLATE = new Color(0xF4, 0xF4, 0xF4);
  private static final Color PLATE_LINE = new Color(0x99, 0x99, 0x99);
  private static final Color EDGE = new Color(0x88, 0x88, 0x88);
  private static final Color SUBTITLE = new Color(0x55, 0x55, 0x55);

  private final GraphStructure structure;
  private final int plateAbove;
  private GraphLayout layout;

  private FactorGraphPicture(GraphStructure structure, int plateAbove) {
    this.structure = structure;
    this.plateAbove = plateAbove;
  }

  /**
   * A picture of a graph.
   *
   * @param graph the graph
   * @return the picture
   */
  public static FactorGraphPicture of(FactorGraph graph) {
    return of(GraphStructure.of(graph));
  }

  /**
   * A picture of a graph's structure.
   *
   * @param structure the structure
   * @return the picture
   */
  public static FactorGraphPicture of(GraphStructure structure) {
    return new FactorGraphPicture(structure, DEFAULT_PLATE_ABOVE);
  }

  /**
   * This picture with groups of more than {@code above} alike factors drawn as plates; {@code
   * Integer.MAX_VALUE} draws every factor (up to {@value GraphLayout#MOST_COLUMNS}, beyond which
   * factors of a type are drawn as plates anyway).
   *
   * @param above the largest group drawn factor by factor, at least 1
   * @return the picture
   * @throws IllegalArgumentException if {@code above} is below 1
   */
  public FactorGraphPicture plates(int above) {
    if (above < 1) {
      throw new IllegalArgumentException("the plate threshold must be at least 1 but was " + above);
    }
    return new FactorGraphPicture(structure, above);
  }

  /** The layout, computed once. */
  GraphLayout layout() {
    if (layout == null) {
      layout = new GraphLayout(structure, plateAbove);
    }
    return layout;
  }

  @Override
  public int width() {
    return layout().width();
  }

  @Override
  public int height() {
    return layout().height();
  }

  @Override
  public void paint(Graphics2D g) {
    GraphLayout layout = layout();
    for (GraphLayout.Plate plate : layout.plates()) {
      Shape frame =
          new RoundRectangle2D.Double(
              plate.bounds().getX(),
              plate.bounds().getY(),
              plate.bounds().getWidth(),
              plate.bounds().getHeight(),
              12,
              12);
      g.setColor(PLATE);
      g.fill(frame);
      g.setColor(PLATE_LINE);
      g.setStroke(new BasicStroke(1.4f));
      g.draw(frame);
      g.setColor(Color.BLACK);
      Rectangle2D box = plate.captionBox();
      Text.draw(g, plate.caption(), GraphLayout.CAPTION_FONT, box.getX(), box.getCenterY(), 0);
    }
    g.setColor(EDGE);
    g.setStroke(new BasicStroke(1.3f));
    for (GraphLayout.Edge edge : layout.edges()) {
      g.draw(new Line2D.Double(edge.start(), edge.end()));
    }
    for (GraphLayout.Node node : layout.nodes()) {
      node(g, node);
    }
    g.setColor(SUBTITLE);
    for (int line = 0; line < layout.legend().size(); line++) {
      Text.draw(
          g,
          layout.legend().get(line),
          GraphLayout.LEGEND_FONT,
          layout.legendX(),
          layout.legendY(line),
          0);
    }
  }

  private static void node(Graphics2D g, GraphLayout.Node node) {
    Rectangle2D b = node.bounds();
    Shape shape =
        node.kind().factor()
            ? b
            : new RoundRectangle2D.Double(
                b.getX(), b.getY(), b.getWidth(), b.getHeight(), b.getHeight(), b.getHeight());
    Color fill;
    Color line;
    float width;
    switch (node.kind()) {
      case FACTOR -> {
        fill = FACTOR;
        line = FACTOR_LINE;
        width = 1.4f;
      }
      case PARENT -> {
        fill = PARENT;
        line = PARENT_LINE;
        width = 1.6f;
      }
      case HYPER, SHARED -> {
        fill = GLOBAL;
        line = GLOBAL_LINE;
        width = 2.4f;
      }
      case DRAWN -> {
        fill = Color.WHITE;
        line = PARENT_LINE;
        width = 1.8f;
      }
      default -> {
        fill = Color.WHITE;
        line = LOCAL_LINE;
        width = 1.2f;
      }
    }
    g.setColor(fill);
    g.fill(shape);
    g.setColor(line);
    g.setStroke(new BasicStroke(width));
    g.draw(shape);
    Rectangle2D label = node.labelBox();
    double titleHeight = Text.height(node.titleFont());
    if (node.subtitle() == null) {
      g.setColor(Color.BLACK);
      Text.draw(g, node.title(), node.titleFont(), label.getCenterX(), label.getCenterY(), 0.5);
      return;
    }
    double subtitleHeight = Text.height(node.subtitleFont());
    boolean subtitleBelow = node.kind().factor();
    double titleY =
        subtitleBelow ? label.getY() + titleHeight / 2 : label.getMaxY() - titleHeight / 2;
    double subtitleY =
        subtitleBelow ? label.getMaxY() - subtitleHeight / 2 : label.getY() + subtitleHeight / 2;
    g.setColor(Color.BLACK);
    Text.draw(g, node.title(), node.titleFont(), label.getCenterX(), titleY, 0.5);
    g.setColor(SUBTITLE);
    Text.draw(g, node.subtitle(), node.subtitleFont(), label.getCenterX(), subtitleY, 0.5);
  }
}
