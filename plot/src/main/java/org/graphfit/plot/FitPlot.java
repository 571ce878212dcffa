package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A 1-D dataset with its error bars, a model curve over it, and the normalised residuals {@code
 * (data - model) / noise} below, as PNG or SVG.
 */
public final class FitPlot {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;

  private final JFreeChart chart;

  private FitPlot(JFreeChart chart) {
    this.chart = chart;
  }

  /**
   * A plot of data and model at pixels {@code x = 0, 1, ...}.
   *
   * @param title the title
   * @param data the data values
   * @param noise the noise standard deviations
   * @param model the model values
   * @return the plot
   * @throws IllegalArgumentException if the lengths differ
   */
  public static FitPlot of(String title, double[] data, double[] noise, double[] model) {
    if (data.length != noise.length || data.length != model.length) {
      throw new IllegalArgumentException(
          "data, noise and model need equal lengths but have "
              + data.length
              + ", "
              + noise.length
              + " and "
              + model.length);
    }
    YIntervalSeries dataSeries = new YIntervalSeries("data");
    XYSeries modelSeries = new XYSeries("model");
    XYSeries residualSeries = new XYSeries("normalised residuals");
    for (int i = 0; i < data.length; i++) {
      dataSeries.add(i, data[i], data[i] - noise[i], data[i] + noise[i]);
      modelSeries.add(i, model[i]);
      residualSeries.add(i, (data[i] - model[i]) / noise[i]);
    }
    XYErrorRenderer errors = new XYErrorRenderer();
    errors.setDefaultLinesVisible(false);
    errors.setSeriesPaint(0, Color.DARK_GRAY);
    errors.setErrorPaint(Color.LIGHT_GRAY);
    XYPlot top = new XYPlot(new YIntervalSeriesCollection(), null, new NumberAxis("value"), errors);
    ((YIntervalSeriesCollection) top.getDataset()).addSeries(dataSeries);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, new Color(0xD6, 0x27, 0x28));
    line.setSeriesStroke(0, new BasicStroke(2f));
    top.setDataset(1, new XYSeriesCollection(modelSeries));
    top.setRenderer(1, line);
    XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
    points.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
    XYPlot bottom =
        new XYPlot(
            new XYSeriesCollection(residualSeries),
            null,
            new NumberAxis("residual / noise"),
            points);
    bottom.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("x (pixel)"));
    combined.add(top, 3);
    combined.add(bottom, 1);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    return new FitPlot(chart);
  }

  /**
   * Writes the plot as PNG.
   *
   * @param file the target file
   */
  public void writePng(Path file) {
    Pictures.writePng(
        file, WIDTH, HEIGHT, g -> chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT)));
  }

  /**
   * Writes the plot as SVG.
   *
   * @param file the target file
   */
  public void writeSvg(Path file) {
    Pictures.writeSvg(
        file, WIDTH, HEIGHT, g -> chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT)));
  }
}
