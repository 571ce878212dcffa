package org.graphfit.plot;

import java.awt.Font;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphfit.graph.GraphStructure;

// One class of about 700 lines on purpose: the layout is one algorithm (factors grouped into
// columns, variables placed in rows under them, plates around repeated columns, the legend) whose
// steps read and extend the same half-built lists of nodes, edges and plates; splitting it would
// hand that state between classes. Drawing the layout is FactorGraphPicture's.
/**
 * The layered layout of a factor graph picture, computed before anything is drawn. From top to
 * bottom: the hyper-parameters, the parent (hierarchical) factors, the variables a parent draws and
 * the variables several analysis factors share, the analysis factors, and each analysis factor's
 * own variables. Every edge joins two neighbouring rows and runs from the bottom of the upper node
 * to the top of the lower one, so no edge crosses a node or a label; labels sit inside their nodes,
 * and nodes of a row are kept apart.
 *
 * <p>Analysis factors alike in analysis and model type, variable names and links (the datasets of
 * one model) form a group; a group larger than the plate threshold is drawn once, inside a plate
 * that gives the count and the names ({@code N = 100: dataset_0 … dataset_99}), as in plate
 * notation. If the picture would still have more than {@value #MOST_COLUMNS} columns, factors are
 * grouped by analysis and model type alone.
 */
final class GraphLayout {
  /** The most factor columns before factors are grouped by type alone. */
  static final int MOST_COLUMNS = 40;

  static final Font TITLE_FONT = Text.font(12, false);
  static final Font SUBTITLE_FONT = Text.font(10, false);
  static final Font NAME_FONT = Text.font(11.5, false);
  static final Font PREFIX_FONT = Text.font(9.5, false);
  static final Font CAPTION_FONT = Text.font(11, false);
  static final Font LEGEND_FONT = Text.font(11, false);

  private static final double MARGIN = 24;
  private static final double SMALLEST_WIDTH = 460;
  private static final double ROW_GAP = 64;
  private static final double NODE_GAP = 14;
  private static final double COLUMN_GAP = 22;
  private static final double PLATE_PAD = 10;
  private static final double LINE_GAP = 2;
  private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");

  /** What a node stands for. */
  enum Kind {
    /** An analysis factor (a dataset with its model). */
    FACTOR,
    /** A hierarchical factor: the parent distribution of drawn parameters. */
    PARENT,
    /** A hyper-parameter of a parent distribution. */
    HYPER,
    /** A variable shared by several analysis factors. */
    SHARED,
    /** A variable of one analysis factor that a parent distribution draws. */
    DRAWN,
    /** A variable of one analysis factor only. */
    LOCAL;

    boolean factor() {
      return this == FACTOR || this == PARENT;
    }

    boolean global() {
      return this == HYPER || this == SHARED;
    }
  }

  /**
   * A node: a box (factor) or a rounded box (variable) holding its label.
   *
   * @param kind what it stands for
   * @param title the main label line: a factor's name, a variable's last path segment
   * @param subtitle the small line: a factor's description (below), a variable's path prefix
   *     (above); null for none
   * @param bounds the node's box
   * @param row the row, 0 at the top
   */
  record Node(Kind kind, String title, String subtitle, Rectangle2D bounds, int row) {
    /** The box of the label lines inside the node. */
    Rectangle2D labelBox() {
      double width = Text.width(title, titleFont());
      double height = Text.height(titleFont());
      if (subtitle != null) {
        width = Math.max(width, Text.width(subtitle, subtitleFont()));
        height += LINE_GAP + Text.height(subtitleFont());
      }
      return new Rectangle2D.Double(
          bounds.getCenterX() - width / 2, bounds.getCenterY() - height / 2, width, height);
    }

    Font titleFont() {
      return kind.factor() ? TITLE_FONT : NAME_FONT;
    }

    Font subtitleFont() {
      return kind.factor() ? SUBTITLE_FONT : PREFIX_FONT;
    }
  }

  /**
   * An edge from the bottom of an upper node to the top of a lower one.
   *
   * @param upper the upper node's index
   * @param lower the lower node's index
   * @param start where it leaves the upper node
   * @param end where it enters the lower node
   */
  record Edge(int upper, int lower, Point2D start, Point2D end) {}

  /**
   * A plate: a frame around one factor standing for several alike.
   *
   * @param bounds the frame
   * @param caption the count and names, drawn inside the frame's bottom
   * @param captionBox the caption's box
   * @param members how many factors it stands for
   */
  record Plate(Rectangle2D bounds, String caption, Rectangle2D captionBox, int members) {}

  /** A column: one factor, or the first of a plate's factors standing for all of them. */
  private record Column(List<Integer> members) {
    int representative() {
      return members.get(0);
    }

    boolean plate() {
      return members.size() > 1;
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final List<Plate> plates = new ArrayList<>();
  private final List<String> legend;
  private final List<Double> legendY = new ArrayList<>();
  private final int width;
  private final int height;

  private final GraphStructure structure;
  private final Kind[] kinds;
  private final List<List<Integer>> analysisOf = new ArrayList<>();
  private final List<List<Integer>> parentsOf = new ArrayList<>();
  private final List<List<Integer>> variablesOf = new ArrayList<>();

  /** Label lines replacing a variable's own, for a node standing for several variables. */
  private final Map<Integer, String[]> labels = new HashMap<>();

  /** Per shared variable drawn, the shared variables its node stands for. */
  private final Map<Integer, List<Integer>> sharedMembers = new LinkedHashMap<>();

  /** Per factor and per variable, its node, or -1 when it is not drawn. */
  private final int[] factorNode;

  private final int[] variableNode;

  /**
   * Lays out a graph.
   *
   * @param structure the graph's structure
   * @param plateAbove groups of more factors than this are drawn as plates
   */
  GraphLayout(GraphStructure structure, int plateAbove) {
    this.structure = structure;
    int factorCount = structure.factors().size();
    int variableCount = structure.variables().size();
    for (int f = 0; f < factorCount; f++) {
      variablesOf.add(new ArrayList<>());
    }
    for (int v = 0; v < variableCount; v++) {
      analysisOf.add(new ArrayList<>());
      parentsOf.add(new ArrayList<>());
    }
    for (GraphStructure.Edge edge : structure.edges()) {
      boolean parent = structure.factors().get(edge.factor()).hierarchical();
      (parent ? parentsOf : analysisOf).get(edge.variable()).add(edge.factor());
      variablesOf.get(edge.factor()).add(edge.variable());
    }
    kinds = new Kind[variableCount];
    for (int v = 0; v < variableCount; v++) {
      int analyses = analysisOf.get(v).size();
      kinds[v] =
          analyses == 0
              ? Kind.HYPER
              : analyses > 1 ? Kind.SHARED : parentsOf.get(v).isEmpty() ? Kind.LOCAL : Kind.DRAWN;
    }
    factorNode = new int[factorCount];
    variableNode = new int[variableCount];
    Arrays.fill(factorNode, -1);
    Arrays.fill(variableNode, -1);

    List<Column> columns = columns(plateAbove, true);
    int sharedPlateAbove = plateAbove;
    if (columns.size() > MOST_COLUMNS) {
      columns = columns(1, false);
      sharedPlateAbove = 1;
    }
    boolean anyDrawn = false;
    boolean anyShared = false;
    boolean anyParent = false;
    boolean anyHyper = false;
    for (int v = 0; v < variableCount; v++) {
      anyDrawn |= kinds[v] == Kind.DRAWN;
      anyShared |= kinds[v] == Kind.SHARED;
      anyHyper |= kinds[v] == Kind.HYPER;
    }
    for (GraphStructure.FactorNode factor : structure.factors()) {
      anyParent |= factor.hierarchical();
    }
    boolean anyLocal = false;
    for (Column column : columns) {
      anyLocal |= !ofKind(column.representative(), Kind.LOCAL).isEmpty();
    }
    // rows: hyper-parameters, parents, drawn and shared variables, factors, local variables
    int[] rowOf = new int[5];
    int rows = 0;
    boolean[] present = {anyHyper, anyParent, anyDrawn || anyShared, true, anyLocal};
    for (int r = 0; r < 5; r++) {
      rowOf[r] = present[r] ? rows++ : -1;
    }
    double[] rowHeight = new double[rows];
    double variableHeight = variableHeight(true);
    double factorHeight = Text.height(TITLE_FONT) + LINE_GAP + Text.height(SUBTITLE_FONT) + 12;
    for (int r = 0; r < 5; r++) {
      if (rowOf[r] >= 0) {
        rowHeight[rowOf[r]] = r == 1 || r == 3 ? factorHeight : variableHeight;
      }
    }
    double[] rowTop = new double[rows];
    double y = MARGIN;
    for (int r = 0; r < rows; r++) {
      rowTop[r] = y;
      y += rowHeight[r] + ROW_GAP;
    }
    double contentBottom = y - ROW_GAP;

    // columns, with a slot of its own for each shared variable when drawn variables fill the row
    Map<Integer, Integer> columnOfFactor = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      for (int member : columns.get(c).members()) {
        columnOfFactor.put(member, c);
      }
    }
    // shared variables linking the same columns: more than the plate threshold are drawn once
    Map<String, List<Integer>> sameLinks = new LinkedHashMap<>();
    Map<Integer, TreeSet<Integer>> linkedColumns = new HashMap<>();
    for (int v = 0; v < variableCount; v++) {
      if (kinds[v] == Kind.SHARED) {
        TreeSet<Integer> linked = new TreeSet<>();
        for (int f : analysisOf.get(v)) {
          linked.add(columnOfFactor.get(f));
        }
        linkedColumns.put(v, linked);
        sameLinks.computeIfAbsent(linked.toString(), k -> new ArrayList<>()).add(v);
      }
    }
    Map<Integer, List<Integer>> sharedAfterColumn = new LinkedHashMap<>();
    List<Integer> freeShared = new ArrayList<>();
    for (List<Integer> group : sameLinks.values()) {
      List<List<Integer>> drawnAs = new ArrayList<>();
      if (group.size() > sharedPlateAbove) {
        drawnAs.add(group);
        labels.put(
            group.get(0),
            new String[] {
              group.size() + " shared variables",
              structure.variables().get(group.get(0)).label() + " \u2026"
            });
      } else {
        group.forEach(v -> drawnAs.add(List.of(v)));
      }
      for (List<Integer> members : drawnAs) {
        int v = members.get(0);
        sharedMembers.put(v, members);
        if (anyDrawn) {
          List<Integer> sorted = new ArrayList<>(linkedColumns.get(v));
          int after = sorted.get((sorted.size() - 1) / 2);
          sharedAfterColumn.computeIfAbsent(after, k -> new ArrayList<>()).add(v);
        } else {
          freeShared.add(v);
        }
      }
    }
    double x = MARGIN;
    double right = MARGIN;
    double platesBottom = contentBottom;
    double captionHeight = Text.height(CAPTION_FONT);
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      int f = column.representative();
      List<Integer> drawn = ofKind(f, Kind.DRAWN);
      List<Integer> locals = ofKind(f, Kind.LOCAL);
      String[] factorLabel = factorLabel(column);
      double factorWidth = factorWidth(factorLabel[0], factorLabel[1]);
      double columnWidth = Math.max(factorWidth, Math.max(rowWidth(drawn), rowWidth(locals)));
      String caption = column.plate() ? plateCaption(column) : null;
      if (caption != null) {
        columnWidth = Math.max(columnWidth, Text.width(caption, CAPTION_FONT) + 2 * PLATE_PAD);
        columnWidth += 2 * PLATE_PAD;
      }
      double centre = x + columnWidth / 2;
      int factorIndex =
          add(
              Kind.FACTOR,
              factorLabel[0],
              factorLabel[1],
              centre,
              factorWidth,
              rowTop,
              rowOf[3],
              factorHeight);
      for (int member : column.members()) {
        factorNode[member] = factorIndex;
      }
      placeVariables(drawn, centre, rowTop, rowOf[2], variableHeight);
      placeVariables(locals, centre, rowTop, rowOf[4], variableHeight);
      if (column.plate()) {
        mapMembers(column);
        Rectangle2D frame = null;
        for (int n = factorIndex; n < nodes.size(); n++) {
          Rectangle2D bounds = nodes.get(n).bounds();
          frame = frame == null ? (Rectangle2D) bounds.clone() : frame.createUnion(bounds);
        }
        double frameLeft = x + 1;
        double frameRight = x + columnWidth - 1;
        double frameTop = frame.getY() - PLATE_PAD;
        double captionY = frame.getMaxY() + PLATE_PAD / 2 + captionHeight / 2;
        double frameBottom = captionY + captionHeight / 2 + PLATE_PAD / 2;
        Rectangle2D captionBox =
            Text.box(caption, CAPTION_FONT, frameRight - PLATE_PAD, captionY, 1);
        plates.add(
            new Plate(
                new Rectangle2D.Double(
                    frameLeft, frameTop, frameRight - frameLeft, frameBottom - frameTop),
                caption,
                captionBox,
                column.members().size()));
        platesBottom = Math.max(platesBottom, frameBottom);
      }
      x += columnWidth + COLUMN_GAP;
      for (int v : sharedAfterColumn.getOrDefault(c, List.of())) {
        double w = variableWidth(v);
        variableNode[v] = add(Kind.SHARED, v, x + w / 2, w, rowTop, rowOf[2], variableHeight);
        x += w + COLUMN_GAP;
      }
      right = Math.max(right, x - COLUMN_GAP);
    }

    // shared variables over the factors they link, when the row is theirs alone
    List<double[]> wanted = new ArrayList<>();
    for (int v : freeShared) {
      wanted.add(new double[] {v, meanX(analysisOf.get(v), factorNode)});
    }
    right = Math.max(right, placeRow(wanted, Kind.SHARED, rowTop, rowOf[2], variableHeight));
    sharedMembers.forEach(
        (v, members) -> members.forEach(member -> variableNode[member] = variableNode[v]));

    // parents over the variables they draw, hyper-parameters over their parents
    wanted.clear();
    for (int f = 0; f < structure.factors().size(); f++) {
      if (!structure.factors().get(f).hierarchical()) {
        continue;
      }
      List<Integer> drawnNodes = new ArrayList<>();
      for (int v : variablesOf.get(f)) {
        if (kinds[v] != Kind.HYPER && variableNode[v] >= 0) {
          drawnNodes.add(variableNode[v]);
        }
      }
      wanted.add(new double[] {f, meanOfNodes(drawnNodes, right)});
    }
    wanted.sort(Comparator.comparingDouble(entry -> entry[1]));
    double cursor = MARGIN;
    for (double[] entry : wanted) {
      int f = (int) entry[0];
      GraphStructure.FactorNode factor = structure.factors().get(f);
      double w = factorWidth(factor.name(), factor.description());
      double centre = Math.max(entry[1], cursor + w / 2);
      factorNode[f] =
          add(
              Kind.PARENT,
              factor.name(),
              factor.description(),
              centre,
              w,
              rowTop,
              rowOf[1],
              factorHeight);
      cursor = centre + w / 2 + NODE_GAP;
    }
    right = Math.max(right, cursor - NODE_GAP);
    wanted.clear();
    Set<Integer> placed = new HashSet<>();
    for (int f = 0; f < structure.factors().size(); f++) {
      if (!structure.factors().get(f).hierarchical()) {
        continue;
      }
      List<Integer> hypers = new ArrayList<>();
      for (int v : variablesOf.get(f)) {
        if (kinds[v] == Kind.HYPER && placed.add(v)) {
          hypers.add(v);
        }
      }
      double total = rowWidth(hypers);
      double start = nodes.get(factorNode[f]).bounds().getCenterX() - total / 2;
      for (int v : hypers) {
        double w = variableWidth(v);
        wanted.add(new double[] {v, start + w / 2});
        start += w + NODE_GAP;
      }
    }
    right = Math.max(right, placeRow(wanted, Kind.HYPER, rowTop, rowOf[0], variableHeight));

    // edges, once per pair of drawn nodes
    Set<Long> seen = new HashSet<>();
    for (GraphStructure.Edge edge : structure.edges()) {
      int a = factorNode[edge.factor()];
      int b = variableNode[edge.variable()];
      if (a < 0 || b < 0 || !seen.add(((long) a << 32) | b)) {
        continue;
      }
      Node one = nodes.get(a);
      Node two = nodes.get(b);
      Node upper = one.row() < two.row() ? one : two;
      Node lower = upper == one ? two : one;
      edges.add(
          new Edge(
              upper == one ? a : b,
              upper == one ? b : a,
              new Point2D.Double(upper.bounds().getCenterX(), upper.bounds().getMaxY()),
              new Point2D.Double(lower.bounds().getCenterX(), lower.bounds().getY())));
    }

    this.width = (int) Math.ceil(Math.max(right + MARGIN, SMALLEST_WIDTH));
    String text =
        "Boxes are factors (violet: parent distributions), rounded boxes variables (gold:"
            + " shared by several factors or hyper-parameters; violet frame: drawn from a parent)."
            + (plates.isEmpty() ? "" : " A frame with N stands for N alike factors drawn once.");
    // wrapped with room to spare: a browser may draw an SVG's text a little wider
    this.legend = Text.wrap(text, LEGEND_FONT, 0.9 * (width - 2 * MARGIN));
    double legendTop = platesBottom + 18;
    for (int line = 0; line < legend.size(); line++) {
      legendY.add(legendTop + (line + 0.5) * Text.height(LEGEND_FONT) * 1.3);
    }
    this.height =
        (int) Math.ceil(legendTop + legend.size() * Text.height(LEGEND_FONT) * 1.3 + MARGIN / 2);
  }

  /** The columns: alike factors grouped, groups above the threshold drawn as one plate. */
  private List<Column> columns(int plateAbove, boolean fine) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int f = 0; f < structure.factors().size(); f++) {
      if (!structure.factors().get(f).hierarchical()) {
        groups.computeIfAbsent(signature(f, fine), k -> new ArrayList<>()).add(f);
      }
    }
    List<Column> columns = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      if (group.size() > plateAbove) {
        columns.add(new Column(List.copyOf(group)));
      } else {
        for (int f : group) {
          columns.add(new Column(List.of(f)));
        }
      }
    }
    columns.sort(Comparator.comparingInt(Column::representative));
    return columns;
  }

  /**
   * What alike factors have in common: the description and, when fine, the names of their own and
   * drawn variables, which parents draw them and which shared variables they link.
   */
  private String signature(int f, boolean fine) {
    StringBuilder text = new StringBuilder(structure.factors().get(f).description());
    if (fine) {
      for (int v : variablesOf.get(f)) {
        text.append('|').append(kinds[v]);
        if (kinds[v] == Kind.SHARED) {
          text.append(v);
        } else {
          text.append(structure.variables().get(v).label()).append(parentsOf.get(v));
        }
      }
    }
    return text.toString();
  }

  /** Points the variables of a plate's other members at the representative's nodes. */
  private void mapMembers(Column column) {
    Map<String, Integer> byLabel = new HashMap<>();
    for (int v : variablesOf.get(column.representative())) {
      if (variableNode[v] >= 0 && !kinds[v].global()) {
        byLabel.put(structure.variables().get(v).label(), variableNode[v]);
      }
    }
    for (int member : column.members()) {
      for (int v : variablesOf.get(member)) {
        if (!kinds[v].global() && variableNode[v] < 0) {
          variableNode[v] = byLabel.getOrDefault(structure.variables().get(v).label(), -1);
        }
      }
    }
  }

  private List<Integer> ofKind(int factor, Kind kind) {
    List<Integer> list = new ArrayList<>();
    for (int v : variablesOf.get(factor)) {
      if (kinds[v] == kind) {
        list.add(v);
      }
    }
    return list;
  }

  private void placeVariables(
      List<Integer> variables, double centre, double[] rowTop, int row, double height) {
    double start = centre - rowWidth(variables) / 2;
    for (int v : variables) {
      double w = variableWidth(v);
      variableNode[v] = add(kinds[v], v, start + w / 2, w, rowTop, row, height);
      start += w + NODE_GAP;
    }
  }

  /**
   * Places variables of one row at their wanted centres, left to right, keeping them apart.
   *
   * @return the right end of the row
   */
  private double placeRow(
      List<double[]> wanted, Kind kind, double[] rowTop, int row, double height) {
    wanted.sort(Comparator.comparingDouble(entry -> entry[1]));
    double cursor = MARGIN;
    for (double[] entry : wanted) {
      int v = (int) entry[0];
      double w = variableWidth(v);
      double centre = Math.max(entry[1], cursor + w / 2);
      variableNode[v] = add(kind, v, centre, w, rowTop, row, height);
      cursor = centre + w / 2 + NODE_GAP;
    }
    return cursor - NODE_GAP;
  }

  private int add(
      Kind kind, int variable, double centre, double w, double[] rowTop, int row, double height) {
    String[] label = variableLabel(variable);
    return add(kind, label[1], label[0], centre, w, rowTop, row, height);
  }

  private int add(
      Kind kind,
      String title,
      String subtitle,
      double centre,
      double w,
      double[] rowTop,
      int row,
      double height) {
    nodes.add(
        new Node(
            kind,
            title,
            subtitle,
            new Rectangle2D.Double(centre - w / 2, rowTop[row], w, height),
            row));
    return nodes.size() - 1;
  }

  private double meanX(List<Integer> factors, int[] nodeOf) {
    List<Integer> list = new ArrayList<>();
    for (int f : factors) {
      list.add(nodeOf[f]);
    }
    return meanOfNodes(list, MARGIN);
  }

  private double meanOfNodes(List<Integer> indices, double fallback) {
    Set<Integer> distinct = new LinkedHashSet<>(indices);
    distinct.remove(-1);
    if (distinct.isEmpty()) {
      return fallback;
    }
    double sum = 0;
    for (int n : distinct) {
      sum += nodes.get(n).bounds().getCenterX();
    }
    return sum / distinct.size();
  }

  /** A variable's label lines: the path prefix (or null) and the last segment. */
  private String[] variableLabel(int v) {
    if (labels.containsKey(v)) {
      return labels.get(v);
    }
    String label = structure.variables().get(v).label();
    int dot = label.lastIndexOf('.');
    return dot < 0
        ? new String[] {null, label}
        : new String[] {label.substring(0, dot), label.substring(dot + 1)};
  }

  private double variableWidth(int v) {
    String[] label = variableLabel(v);
    double text = Text.width(label[1], NAME_FONT);
    if (label[0] != null) {
      text = Math.max(text, Text.width(label[0], PREFIX_FONT));
    }
    return Math.max(44, text + 22);
  }

  private static double variableHeight(boolean twoLines) {
    return Text.height(NAME_FONT) + (twoLines ? LINE_GAP + Text.height(PREFIX_FONT) : 0) + 10;
  }

  private double rowWidth(List<Integer> variables) {
    double total = 0;
    for (int v : variables) {
      total += variableWidth(v) + NODE_GAP;
    }
    return variables.isEmpty() ? 0 : total - NODE_GAP;
  }

  private static double factorWidth(String title, String subtitle) {
    return Math.max(Text.width(title, TITLE_FONT), Text.width(subtitle, SUBTITLE_FONT)) + 20;
  }

  /** A column's factor label: the name (a pattern such as {@code dataset_i} for a plate). */
  private String[] factorLabel(Column column) {
    GraphStructure.FactorNode first = structure.factors().get(column.representative());
    if (!column.plate()) {
      return new String[] {first.name(), first.description()};
    }
    String prefix = numberedPrefix(column);
    return new String[] {
      prefix != null ? prefix + "i" : first.name() + " \u2026", first.description()
    };
  }

  private String plateCaption(Column column) {
    List<Integer> members = column.members();
    String first = structure.factors().get(members.get(0)).name();
    String last = structure.factors().get(members.get(members.size() - 1)).name();
    return "N = " + members.size() + ": " + first + " \u2026 " + last;
  }

  /** The common prefix of names that are that prefix and a number each, else null. */
  private String numberedPrefix(Column column) {
    String prefix = null;
    for (int f : column.members()) {
      Matcher matcher = NUMBERED.matcher(structure.factors().get(f).name());
      if (!matcher.matches() || (prefix != null && !prefix.equals(matcher.group(1)))) {
        return null;
      }
      prefix = matcher.group(1);
    }
    return prefix;
  }

  /** The nodes. */
  List<Node> nodes() {
    return nodes;
  }

  /** The edges. */
  List<Edge> edges() {
    return edges;
  }

  /** The plates. */
  List<Plate> plates() {
    return plates;
  }

  /** The legend's lines. */
  List<String> legend() {
    return legend;
  }

  /** The y of the centre of legend line {@code line}. */
  double legendY(int line) {
    return legendY.get(line);
  }

  /** The box of legend line {@code line}. */
  Rectangle2D legendBox(int line) {
    return Text.box(legend.get(line), LEGEND_FONT, legendX(), legendY(line), 0);
  }

  /** The x where legend lines start. */
  double legendX() {
    return MARGIN;
  }

  /** The picture's width. */
  int width() {
    return width;
  }

  /** The picture's height. */
  int height() {
    return height;
  }
}
