package org.graphfit.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.graphfit.output.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes one drawing as PNG or SVG: the same Java2D code paints a raster image and, through
 * JFreeSVG, a vector one. Files are written atomically; no external program is needed.
 */
final class Pictures {
  private Pictures() {}

  /** Paints into a white PNG of the given size and writes it. */
  static void writePng(Path file, int width, int height, Consumer<Graphics2D> painter) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      graphics.setColor(java.awt.Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      painter.accept(graphics);
    } finally {
      graphics.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode " + file, e);
    }
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /** Paints into an SVG document of the given size and writes it. */
  static void writeSvg(Path file, int width, int height, Consumer<Graphics2D> painter) {
    SVGGraphics2D graphics = new SVGGraphics2D(width, height);
    graphics.setColor(java.awt.Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    painter.accept(graphics);
    AtomicFiles.write(file, graphics.getSVGDocument());
  }
}
