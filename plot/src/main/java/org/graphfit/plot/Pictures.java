package org.graphfit.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Paints one drawing as PNG or SVG: the same Java2D code paints a raster image and, through
 * JFreeSVG, a vector one. No external program is needed.
 */
final class Pictures {
  /**
   * The prefix of the SVG definitions' ids: fixed, so that the same figure gives the same document
   * (JFreeSVG's default holds the clock).
   */
  private static final String DEFS_PREFIX = "gf";

  private Pictures() {}

  /** Paints into a white image of the given size and encodes it as PNG. */
  static byte[] png(int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = image(width, height, painter);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a " + width + "x" + height + " PNG", e);
    }
    return bytes.toByteArray();
  }

  /** Paints into a white image of the given size. */
  static BufferedImage image(int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      hints(graphics);
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      painter.accept(graphics);
    } finally {
      graphics.dispose();
    }
    return image;
  }

  /**
   * Paints into an SVG document of the given size, with a view box so that it scales when shown
   * smaller (in a report, on a narrow screen).
   */
  static String svg(int width, int height, Consumer<Graphics2D> painter) {
    SVGGraphics2D graphics = new SVGGraphics2D(width, height);
    graphics.setDefsKeyPrefix(DEFS_PREFIX);
    hints(graphics);
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    painter.accept(graphics);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + graphics.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null)
        + "\n";
  }

  private static void hints(Graphics2D graphics) {
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    graphics.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }
}
