package org.graphfit.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of text made of runs in different sizes and heights: plain text, superscripts and an
 * upper and lower pair stacked at the same place (as in {@code 49.8 +3.1/-2.9}). Measured with
 * {@link Text}, so its box is where it is drawn.
 */
final class RichText {
  private static final double SMALL = 0.72;
  private static final double UP = 0.45;
  private static final double DOWN = 0.32;

  /** A run: text in a font at an offset from the line's origin (x) and baseline (y). */
  private record Run(String text, Font font, double x, double y) {}

  private final List<Run> runs = new ArrayList<>();
  private double advance;
  private double top;
  private double bottom;

  private RichText() {}

  /** Empty text. */
  static RichText empty() {
    return new RichText();
  }

  /**
   * A parameter's title: {@code name = median} with the upper and lower errors stacked after it and
   * the power of ten pulled out, or without the name.
   *
   * @param name the name, or null for the estimate alone
   * @param estimate the estimate
   * @param font the main font
   * @return the text
   */
  static RichText estimate(String name, Numbers.Estimate estimate, Font font) {
    RichText text = new RichText();
    if (name != null) {
      text.append(name + " = ", font);
    }
    if (estimate.exponent() != 0) {
      text.append("(", font);
    }
    text.append(estimate.value(), font);
    text.stack("+" + estimate.plus(), Numbers.MINUS + estimate.minus(), font);
    if (estimate.exponent() != 0) {
      text.append(")\u00d710", font);
      text.superscript(Numbers.tick(estimate.exponent(), 1).replace("-", Numbers.MINUS), font);
    }
    return text;
  }

  /** Appends plain text. */
  RichText append(String text, Font font) {
    add(text, font, advance, 0);
    advance += Text.width(text, font);
    return this;
  }

  /** Appends a raised, smaller text. */
  RichText superscript(String text, Font font) {
    Font small = small(font);
    add(text, small, advance, -UP * Text.ascent(font));
    advance += Text.width(text, small);
    return this;
  }

  /** Appends two smaller texts, one raised above the other, at the same place. */
  RichText stack(String upper, String lower, Font font) {
    Font small = small(font);
    double gap = Text.width(" ", small) * 0.4;
    add(upper, small, advance + gap, -UP * Text.ascent(font));
    add(lower, small, advance + gap, DOWN * Text.ascent(font));
    advance += gap + Math.max(Text.width(upper, small), Text.width(lower, small));
    return this;
  }

  private void add(String text, Font font, double x, double y) {
    runs.add(new Run(text, font, x, y));
    top = Math.min(top, y - Text.ascent(font));
    bottom = Math.max(bottom, y + Text.descent(font));
  }

  private static Font small(Font font) {
    return font.deriveFont((float) (font.getSize2D() * SMALL));
  }

  /** The width. */
  double width() {
    return advance;
  }

  /** The height from the highest run's top to the lowest run's bottom. */
  double height() {
    return bottom - top;
  }

  /**
   * The box the text occupies when drawn with {@link #draw}.
   *
   * @param x the anchor's x
   * @param y the y of the box's vertical centre
   * @param anchor 0 for the left end at {@code x}, 0.5 for the centre, 1 for the right end
   * @return the box
   */
  Rectangle2D box(double x, double y, double anchor) {
    return new Rectangle2D.Double(x - anchor * advance, y - height() / 2, advance, height());
  }

  /** Draws the text into its {@link #box}. */
  void draw(Graphics2D g, double x, double y, double anchor) {
    Rectangle2D box = box(x, y, anchor);
    double baseline = box.getY() - top;
    for (Run run : runs) {
      g.setFont(run.font);
      g.drawString(run.text, (float) (box.getX() + run.x), (float) (baseline + run.y));
    }
  }
}
