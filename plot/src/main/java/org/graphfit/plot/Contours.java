package org.graphfit.plot;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a grid of values by marching squares: the line where the values cross a
 * threshold, interpolated linearly between cell centres, as segments in picture coordinates.
 */
final class Contours {
  private Contours() {}

  /**
   * The contour of {@code values} at {@code threshold} drawn into an area: cell {@code [a][b]} is
   * the {@code a}-th from the left and the {@code b}-th from the bottom of a square grid.
   *
   * @param values a square grid
   * @param threshold the level
   * @param area where the grid is drawn
   * @return the contour's segments
   */
  static Path2D.Double of(double[][] values, double threshold, Rectangle2D area) {
    int n = values.length;
    double cellWidth = area.getWidth() / n;
    double cellHeight = area.getHeight() / n;
    Path2D.Double path = new Path2D.Double();
    for (int a = 0; a + 1 < n; a++) {
      for (int b = 0; b + 1 < n; b++) {
        // corners counter-clockwise from the bottom left, edges between consecutive corners
        int[][] corners = {{a, b}, {a + 1, b}, {a + 1, b + 1}, {a, b + 1}};
        List<double[]> crossings = new ArrayList<>(4);
        for (int e = 0; e < 4; e++) {
          int[] p = corners[e];
          int[] q = corners[(e + 1) % 4];
          double vp = values[p[0]][p[1]] - threshold;
          double vq = values[q[0]][q[1]] - threshold;
          if ((vp < 0) != (vq < 0)) {
            double t = vp / (vp - vq);
            double gridX = p[0] + t * (q[0] - p[0]);
            double gridY = p[1] + t * (q[1] - p[1]);
            crossings.add(
                new double[] {
                  area.getX() + (gridX + 0.5) * cellWidth,
                  area.getMaxY() - (gridY + 0.5) * cellHeight
                });
          }
        }
        for (int s = 0; s + 1 < crossings.size(); s += 2) {
          path.moveTo(crossings.get(s)[0], crossings.get(s)[1]);
          path.lineTo(crossings.get(s + 1)[0], crossings.get(s + 1)[1]);
        }
      }
    }
    return path;
  }
}
