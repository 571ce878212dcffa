package org.graphfit.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures and draws text. Layouts measure with the same anti-aliased, fractional-metrics context
 * the pictures are painted with, so a label's measured box is where it is drawn.
 */
final class Text {
  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
  private static final String ELLIPSIS = "\u2026";

  private Text() {}

  /** The sans-serif font of the given size. */
  static Font font(double size, boolean bold) {
    return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
  }

  /** The advance width of a string. */
  static double width(String text, Font font) {
    return font.getStringBounds(text, CONTEXT).getWidth();
  }

  /** The ascent above the baseline. */
  static double ascent(Font font) {
    return metrics(font).getAscent();
  }

  /** The descent below the baseline. */
  static double descent(Font font) {
    return metrics(font).getDescent();
  }

  /** The height of a line without leading. */
  static double height(Font font) {
    LineMetrics metrics = metrics(font);
    return metrics.getAscent() + metrics.getDescent();
  }

  private static LineMetrics metrics(Font font) {
    return font.getLineMetrics("Ag", CONTEXT);
  }

  /**
   * The box a string occupies when drawn with {@link #draw}: anchored horizontally at {@code x} (0
   * left, 0.5 centre, 1 right of the text) and vertically centred on {@code y}.
   */
  static Rectangle2D box(String text, Font font, double x, double y, double anchor) {
    double width = width(text, font);
    double height = height(font);
    return new Rectangle2D.Double(x - anchor * width, y - height / 2, width, height);
  }

  /** Draws a string into the box of {@link #box}. */
  static void draw(Graphics2D g, String text, Font font, double x, double y, double anchor) {
    Rectangle2D box = box(text, font, x, y, anchor);
    g.setFont(font);
    g.drawString(text, (float) box.getX(), (float) (box.getY() + ascent(font)));
  }

  /**
   * The string itself if it fits into {@code width}, else its longest ending that fits after an
   * ellipsis (the ends of parameter paths tell them apart).
   */
  static String fit(String text, Font font, double width) {
    if (width(text, font) <= width) {
      return text;
    }
    for (int start = 1; start < text.length(); start++) {
      String candidate = ELLIPSIS + text.substring(start);
      if (width(candidate, font) <= width) {
        return candidate;
      }
    }
    return ELLIPSIS;
  }

  /** Breaks text at spaces into lines no wider than {@code width} (a longer word stays whole). */
  static List<String> wrap(String text, Font font, double width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (Text.width(candidate, font) > width && line.length() > 0) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
