package org.graphfit.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A PNG file as a figure, e.g. a picture an analysis hook drew, to embed in a {@link Report}. */
final class PictureFile implements Figure {
  private final byte[] png;
  private final BufferedImage image;

  private PictureFile(byte[] png, BufferedImage image) {
    this.png = png;
    this.image = image;
  }

  /**
   * The picture of a PNG file.
   *
   * @param file the file
   * @return the figure
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not an image
   */
  static PictureFile of(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalArgumentException(file + " is not a PNG image");
      }
      return new PictureFile(bytes, image);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e, e);
    }
  }

  @Override
  public int width() {
    return image.getWidth();
  }

  @Override
  public int height() {
    return image.getHeight();
  }

  @Override
  public void paint(Graphics2D g) {
    g.drawImage(image, 0, 0, null);
  }

  /** The file's own bytes. */
  @Override
  public byte[] png() {
    return png.clone();
  }
}
