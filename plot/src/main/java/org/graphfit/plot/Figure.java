package org.graphfit.plot;

import java.awt.Graphics2D;
import java.nio.file.Path;
import org.graphfit.output.AtomicFiles;

/**
 * A picture of a fixed size in pixels, drawn by one Java2D painter into a PNG raster or, through
 * JFreeSVG, an SVG document. Every plot of this package is a figure, so a {@link Report} can embed
 * any of them and a user can draw one into a drawing of their own with {@link #paint(Graphics2D)}.
 */
public interface Figure {
  /**
   * The width of the picture.
   *
   * @return pixels
   */
  int width();

  /**
   * The height of the picture.
   *
   * @return pixels
   */
  int height();

  /**
   * Draws the picture into the rectangle from {@code (0, 0)} to {@code (width(), height())} of a
   * graphics context whose background is already white.
   *
   * @param g the graphics context
   */
  void paint(Graphics2D g);

  /**
   * The picture as PNG bytes.
   *
   * @return the encoded image
   */
  default byte[] png() {
    return Pictures.png(width(), height(), this::paint);
  }

  /**
   * The picture as an SVG document; the same figure gives the same text.
   *
   * @return the document
   */
  default String svg() {
    return Pictures.svg(width(), height(), this::paint);
  }

  /**
   * Writes the picture as PNG, atomically.
   *
   * @param file the target file
   */
  default void writePng(Path file) {
    AtomicFiles.write(file, png());
  }

  /**
   * Writes the picture as SVG, atomically.
   *
   * @param file the target file
   */
  default void writeSvg(Path file) {
    AtomicFiles.write(file, svg());
  }
}
