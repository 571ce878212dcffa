package org.graphfit.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import org.graphfit.search.Samples;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A corner plot of weighted posterior samples: each parameter's marginal histogram on the diagonal
 * and each pair's 2-D weighted histogram below it, shaded by the square root of the weight so the
 * tails stay visible. Axes span the 0.5% to 99.5% weighted quantiles.
 */
public final class CornerPlot {
  private static final int PANEL = 190;
  private static final int MARGIN = 30;
  private static final int BINS_1D = 40;
  private static final int BINS_2D = 30;

  private final Samples samples;
  private final double[] low;
  private final double[] high;
  private final int size;

  private CornerPlot(Samples samples) {
    this.samples = samples;
    this.low = samples.quantile(0.005);
    this.high = samples.quantile(0.995);
    for (int d = 0; d < low.length; d++) {
      if (!(high[d] > low[d])) {
        double pad = Math.max(1e-9, Math.abs(low[d]) * 1e-6);
        low[d] -= pad;
        high[d] += pad;
      }
    }
    this.size = samples.dimension() * PANEL + 2 * MARGIN;
  }

  /**
   * A corner plot of samples.
   *
   * @param samples the weighted samples
   * @return the plot
   */
  public static CornerPlot of(Samples samples) {
    return new CornerPlot(samples);
  }

  /**
   * Writes the plot as PNG.
   *
   * @param file the target file
   */
  public void writePng(Path file) {
    Pictures.writePng(file, size, size, this::paint);
  }

  /**
   * Writes the plot as SVG.
   *
   * @param file the target file
   */
  public void writeSvg(Path file) {
    Pictures.writeSvg(file, size, size, this::paint);
  }

  private void paint(Graphics2D g) {
    int dim = samples.dimension();
    for (int row = 0; row < dim; row++) {
      for (int column = 0; column <= row; column++) {
        XYPlot plot = row == column ? marginal(row) : joint(column, row);
        boolean bottom = row == dim - 1;
        boolean left = column == 0 && row != 0;
        plot.getDomainAxis().setLabel(bottom ? samples.names().get(column) : null);
        plot.getDomainAxis().setTickLabelsVisible(bottom);
        plot.getRangeAxis().setLabel(left ? samples.names().get(row) : null);
        plot.getRangeAxis().setTickLabelsVisible(left);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
        plot.getDomainAxis().setTickLabelFont(small);
        plot.getRangeAxis().setTickLabelFont(small);
        plot.getDomainAxis().setLabelFont(small);
        plot.getRangeAxis().setLabelFont(small);
        JFreeChart chart = new JFreeChart(null, null, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.draw(
            g, new Rectangle2D.Double(MARGIN + column * PANEL, MARGIN + row * PANEL, PANEL, PANEL));
      }
    }
  }

  private XYPlot marginal(int d) {
    double width = (high[d] - low[d]) / BINS_1D;
    double[] heights = new double[BINS_1D];
    for (int i = 0; i < samples.size(); i++) {
      int bin = bin(samples.vector(i)[d], d, BINS_1D);
      if (bin >= 0) {
        heights[bin] += samples.weight(i);
      }
    }
    XYSeries series = new XYSeries(samples.names().get(d));
    for (int b = 0; b < BINS_1D; b++) {
      series.add(low[d] + (b + 0.5) * width, heights[b] / width);
    }
    XYSeriesCollection dataset = new XYSeriesCollection(series);
    dataset.setIntervalWidth(width);
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
    NumberAxis x = new NumberAxis();
    x.setRange(low[d], high[d]);
    return new XYPlot(dataset, x, new NumberAxis(), bars);
  }

  private XYPlot joint(int dx, int dy) {
    double[][] counts = new double[BINS_2D][BINS_2D];
    double max = 0;
    for (int i = 0; i < samples.size(); i++) {
      double[] vector = samples.vector(i);
      int bx = bin(vector[dx], dx, BINS_2D);
      int by = bin(vector[dy], dy, BINS_2D);
      if (bx >= 0 && by >= 0) {
        counts[bx][by] += samples.weight(i);
        max = Math.max(max, counts[bx][by]);
      }
    }
    double wx = (high[dx] - low[dx]) / BINS_2D;
    double wy = (high[dy] - low[dy]) / BINS_2D;
    double[][] series = new double[3][BINS_2D * BINS_2D];
    for (int a = 0; a < BINS_2D; a++) {
      for (int b = 0; b < BINS_2D; b++) {
        int k = a * BINS_2D + b;
        series[0][k] = low[dx] + (a + 0.5) * wx;
        series[1][k] = low[dy] + (b + 0.5) * wy;
        series[2][k] = max > 0 ? Math.sqrt(counts[a][b] / max) : 0;
      }
    }
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    dataset.addSeries("density", series);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(wx);
    blocks.setBlockHeight(wy);
    LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
    Color light = new Color(0xDE, 0xEB, 0xF7);
    Color dark = new Color(0x08, 0x30, 0x6B);
    for (int level = 1; level <= 12; level++) {
      float t = (level - 1) / 11f;
      scale.add(
          (level - 1) / 12.0 + 1e-9,
          new Color(
              Math.round(light.getRed() + t * (dark.getRed() - light.getRed())),
              Math.round(light.getGreen() + t * (dark.getGreen() - light.getGreen())),
              Math.round(light.getBlue() + t * (dark.getBlue() - light.getBlue()))));
    }
    blocks.setPaintScale(scale);
    NumberAxis x = new NumberAxis();
    x.setRange(low[dx], high[dx]);
    NumberAxis y = new NumberAxis();
    y.setRange(low[dy], high[dy]);
    return new XYPlot(dataset, x, y, blocks);
  }

  private int bin(double value, int d, int bins) {
    int bin = (int) Math.floor((value - low[d]) / (high[d] - low[d]) * bins);
    return bin >= 0 && bin < bins ? bin : -1;
  }
}
