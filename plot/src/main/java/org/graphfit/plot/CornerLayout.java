package org.graphfit.plot;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a corner plot, computed before anything is drawn: one square data area per panel
 * on a common grid (so every panel of a column has the same x range and left edge, every panel of a
 * row below the diagonal the same y range and top edge), ticks chosen so their labels fit, the
 * titles above the diagonal and the box of every piece of text, which tests check for overlaps.
 */
final class CornerLayout {
  /** The largest panel side. */
  static final double LARGEST_PANEL = 200;

  /** The smallest panel side. */
  static final double SMALLEST_PANEL = 64;

  /** The total side of the panels that the panel size aims for. */
  static final double PANEL_BUDGET = 1500;

  static final double GAP = 8;
  static final double PAD = 12;
  static final double TICK = 4;

  static final Font TICK_FONT = Text.font(10, false);
  static final Font LABEL_FONT = Text.font(12, false);
  static final Font CAPTION_FONT = Text.font(11, false);
  static final Font FIGURE_TITLE_FONT = Text.font(14, true);
  private static final double[] TITLE_SIZES = {12, 11, 10, 9};

  /** A title line above a diagonal panel, with its centre. */
  record TitleLine(RichText text, double x, double y) {}

  /** A tick label with the point its box is centred on and its horizontal anchor. */
  record Label(Axis.Tick tick, double x, double y, double anchor) {}

  private final int count;
  private final double panel;
  private final double left;
  private final double top;
  private final int width;
  private final int height;
  private final List<Axis> axes;
  private final List<List<Axis.Tick>> xTicks = new ArrayList<>();
  private final List<List<Axis.Tick>> yTicks = new ArrayList<>();
  private final List<Label> tickLabels = new ArrayList<>();
  private final List<String> axisLabels = new ArrayList<>();
  private final List<Font> axisLabelFonts = new ArrayList<>();
  private final List<TitleLine> titles = new ArrayList<>();
  private final List<String> captionLines;
  private final double captionTop;
  private final double figureTitleY;
  private final List<Rectangle2D> textBoxes = new ArrayList<>();

  /**
   * Lays out a corner plot.
   *
   * @param names the parameters' names, in panel order
   * @param axes their axes
   * @param estimates their medians with 1-sigma errors, for the titles
   * @param figureTitle a title over the whole plot, or null
   * @param caption a note under the plot, or null
   */
  CornerLayout(
      List<String> names,
      List<Axis> axes,
      List<Numbers.Estimate> estimates,
      String figureTitle,
      String caption) {
    this.count = names.size();
    this.axes = List.copyOf(axes);
    this.panel =
        Math.max(SMALLEST_PANEL, Math.min(LARGEST_PANEL, Math.floor(PANEL_BUDGET / count)));
    double labelHeight = Text.height(LABEL_FONT);
    double tickHeight = Text.height(TICK_FONT) + Text.ascent(TICK_FONT) * 0.35;
    double widestY = 0;
    for (int k = 0; k < count; k++) {
      xTicks.add(axes.get(k).ticks(panel, TICK_FONT, true, 8, GAP / 2 - 1));
      List<Axis.Tick> ticks =
          k == 0 ? List.of() : axes.get(k).ticks(panel, TICK_FONT, false, 3, GAP / 2 - 1);
      yTicks.add(ticks);
      for (Axis.Tick tick : ticks) {
        widestY = Math.max(widestY, tick.width(TICK_FONT));
      }
    }
    this.left = PAD + (count > 1 ? labelHeight + 6 + widestY + 3 : 0) + TICK;
    List<List<RichText>> titleText = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      titleText.add(title(names.get(k), estimates.get(k)));
    }
    double figureTitleHeight = figureTitle == null ? 0 : Text.height(FIGURE_TITLE_FONT) + 8;
    this.figureTitleY = PAD + Text.height(FIGURE_TITLE_FONT) / 2;
    this.top = PAD + figureTitleHeight + stackHeight(titleText.get(0)) + 5;
    double gridRight = left + count * panel + (count - 1) * GAP;
    double lastOverhang = 0;
    for (Axis.Tick tick : xTicks.get(count - 1)) {
      double at = axes.get(count - 1).position(tick.value()) * panel;
      lastOverhang = Math.max(lastOverhang, at + tick.width(TICK_FONT) / 2 - panel);
    }
    this.width = (int) Math.ceil(gridRight + Math.max(0, lastOverhang) + PAD);
    double gridBottom = top + count * panel + (count - 1) * GAP;
    double tickLabelY = gridBottom + TICK + 3 + tickHeight / 2;
    double axisLabelY = gridBottom + TICK + 3 + tickHeight + 6 + labelHeight / 2;
    this.captionLines =
        caption == null ? List.of() : Text.wrap(caption, CAPTION_FONT, width - 2 * PAD);
    this.captionTop = axisLabelY + labelHeight / 2 + 10;
    double bottom = captionTop + captionLines.size() * Text.height(CAPTION_FONT) * 1.25;
    this.height = (int) Math.ceil(bottom + PAD);

    if (figureTitle != null) {
      textBoxes.add(Text.box(figureTitle, FIGURE_TITLE_FONT, width / 2.0, figureTitleY, 0.5));
    }
    for (int k = 0; k < count; k++) {
      Rectangle2D column = panel(count - 1, k);
      for (Axis.Tick tick : xTicks.get(k)) {
        double x = column.getX() + axes.get(k).position(tick.value()) * panel;
        add(new Label(tick, x, tickLabelY, 0.5));
      }
      Font labelFont = LABEL_FONT;
      for (double size = 11; size >= 9 && Text.width(names.get(k), labelFont) > panel; size--) {
        labelFont = Text.font(size, false);
      }
      String label = Text.fit(names.get(k), labelFont, panel);
      axisLabels.add(label);
      axisLabelFonts.add(labelFont);
      textBoxes.add(Text.box(label, labelFont, column.getCenterX(), axisLabelY, 0.5));
      if (k > 0) {
        Rectangle2D row = panel(k, 0);
        for (Axis.Tick tick : yTicks.get(k)) {
          double y = row.getMaxY() - axes.get(k).position(tick.value()) * panel;
          add(new Label(tick, left - TICK - 3, y, 1));
        }
        double labelWidth = Text.width(label, labelFont);
        textBoxes.add(
            new Rectangle2D.Double(
                PAD, row.getCenterY() - labelWidth / 2, labelHeight, labelWidth));
      }
      Rectangle2D diagonal = panel(k, k);
      double y = diagonal.getY() - 5;
      List<RichText> lines = titleText.get(k);
      for (int line = lines.size() - 1; line >= 0; line--) {
        RichText text = lines.get(line);
        y -= text.height();
        TitleLine title = new TitleLine(text, diagonal.getCenterX(), y + text.height() / 2);
        titles.add(title);
        textBoxes.add(text.box(title.x(), title.y(), 0.5));
        y -= 2;
      }
    }
    for (int line = 0; line < captionLines.size(); line++) {
      textBoxes.add(Text.box(captionLines.get(line), CAPTION_FONT, PAD, captionY(line), 0));
    }
  }

  private void add(Label label) {
    tickLabels.add(label);
    textBoxes.add(label.tick().box(TICK_FONT, label.x(), label.y(), label.anchor()));
  }

  /**
   * The title lines of one parameter: one line {@code name = estimate} if it fits above the panel,
   * else the name over the estimate, in the largest font that fits.
   */
  private List<RichText> title(String name, Numbers.Estimate estimate) {
    for (double size : TITLE_SIZES) {
      Font font = Text.font(size, false);
      RichText one = RichText.estimate(name, estimate, font);
      if (one.width() <= panel) {
        return List.of(one);
      }
      RichText value = RichText.estimate(null, estimate, font);
      if (Text.width(name, font) <= panel && value.width() <= panel) {
        return List.of(RichText.empty().append(name, font), value);
      }
    }
    Font font = Text.font(TITLE_SIZES[TITLE_SIZES.length - 1], false);
    return List.of(
        RichText.empty().append(Text.fit(name, font, panel), font),
        RichText.estimate(null, estimate, font));
  }

  private static double stackHeight(List<RichText> lines) {
    double height = 0;
    for (RichText line : lines) {
      height += line.height() + 2;
    }
    return height;
  }

  /** The number of parameters. */
  int count() {
    return count;
  }

  /** The side of a panel's data area. */
  double panelSize() {
    return panel;
  }

  /** The picture's width. */
  int width() {
    return width;
  }

  /** The picture's height. */
  int height() {
    return height;
  }

  /**
   * The data area of a panel: the marginal of parameter {@code row} on the diagonal, the joint of
   * parameters {@code column} (x) and {@code row} (y) below it.
   */
  Rectangle2D panel(int row, int column) {
    if (column > row || row >= count || column < 0) {
      throw new IllegalArgumentException("no panel at row " + row + ", column " + column);
    }
    return new Rectangle2D.Double(
        left + column * (panel + GAP), top + row * (panel + GAP), panel, panel);
  }

  /** The axis of parameter {@code k}. */
  Axis axis(int k) {
    return axes.get(k);
  }

  /** The ticks along the x axis of column {@code k}. */
  List<Axis.Tick> xTicks(int k) {
    return xTicks.get(k);
  }

  /** The ticks along the y axis of row {@code k}, none for the first row. */
  List<Axis.Tick> yTicks(int k) {
    return yTicks.get(k);
  }

  /** Every tick label with its place. */
  List<Label> tickLabels() {
    return tickLabels;
  }

  /** The axis label of parameter {@code k}, shortened to fit a panel. */
  String axisLabel(int k) {
    return axisLabels.get(k);
  }

  /** The font of the axis label of parameter {@code k}: smaller for a long name. */
  Font axisLabelFont(int k) {
    return axisLabelFonts.get(k);
  }

  /** The y of the axis labels under the bottom row. */
  double axisLabelY() {
    return panel(count - 1, 0).getMaxY()
        + TICK
        + 3
        + Text.height(TICK_FONT)
        + Text.ascent(TICK_FONT) * 0.35
        + 6
        + Text.height(LABEL_FONT) / 2;
  }

  /** The x of the centre of the rotated y axis labels. */
  double yLabelX() {
    return PAD + Text.height(LABEL_FONT) / 2;
  }

  /** The title lines above the diagonal panels. */
  List<TitleLine> titles() {
    return titles;
  }

  /** The y of the figure title's centre. */
  double figureTitleY() {
    return figureTitleY;
  }

  /** The caption's lines. */
  List<String> captionLines() {
    return captionLines;
  }

  /** The y of the centre of caption line {@code line}. */
  double captionY(int line) {
    return captionTop + (line + 0.5) * Text.height(CAPTION_FONT) * 1.25;
  }

  /** The box of every text: titles, tick labels, axis labels (rotated ones upright), caption. */
  List<Rectangle2D> textBoxes() {
    return textBoxes;
  }
}
