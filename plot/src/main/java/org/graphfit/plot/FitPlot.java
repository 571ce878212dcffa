package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;
import org.graphfit.analysis.Dataset1D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A 1-D dataset with its error bars against its x coordinates, a model curve over it (optionally
 * with a credible band) and the normalised residuals {@code (data - model) / noise} below, with the
 * band {@code ±1} shaded, as PNG or SVG.
 *
 * <pre>{@code
 * FitPlot.of("dataset_0", x, dataset, model).labels("wavelength (nm)", "flux").writePng(file);
 * }</pre>
 */
public final class FitPlot implements Figure {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;
  private static final Color MODEL = new Color(0xD6, 0x27, 0x28);

  private final String title;
  private final double[] x;
  private final double[] data;
  private final double[] noise;
  private final double[] model;
  private final double[] lower;
  private final double[] upper;
  private final String xLabel;
  private final String yLabel;

  private FitPlot(
      String title,
      double[] x,
      double[] data,
      double[] noise,
      double[] model,
      double[] lower,
      double[] upper,
      String xLabel,
      String yLabel) {
    this.title = title;
    this.x = x;
    this.data = data;
    this.noise = noise;
    this.model = model;
    this.lower = lower;
    this.upper = upper;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * A plot of data and model at given x coordinates.
   *
   * @param title the title
   * @param x the x coordinate of each value, finite
   * @param data the data values
   * @param noise the noise standard deviations, positive
   * @param model the model values
   * @return the plot
   * @throws IllegalArgumentException if the lengths differ, an x is not finite or a noise value is
   *     not positive
   */
  public static FitPlot of(
      String title, double[] x, double[] data, double[] noise, double[] model) {
    Objects.requireNonNull(title, "title");
    requireLength("data", data, x.length);
    requireLength("noise", noise, x.length);
    requireLength("model", model, x.length);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("x[" + i + "] is " + x[i] + "; x must be finite");
      }
      if (!(noise[i] > 0)) {
        throw new IllegalArgumentException(
            "noise[" + i + "] is " + noise[i] + "; the residuals need positive noise");
      }
    }
    return new FitPlot(
        title, x.clone(), data.clone(), noise.clone(), model.clone(), null, null, "x", "value");
  }

  /**
   * A plot of a dataset and model at given x coordinates ({@link Dataset1D} holds values and noise,
   * not where they were measured).
   *
   * @param title the title
   * @param x the x coordinate of each value
   * @param dataset the data and noise
   * @param model the model values
   * @return the plot
   * @throws IllegalArgumentException if the lengths differ or an x is not finite
   */
  public static FitPlot of(String title, double[] x, Dataset1D dataset, double[] model) {
    return of(title, x, dataset.data(), dataset.noiseMap(), model);
  }

  /**
   * A plot of data and model at the pixel indices {@code x = 0, 1, ...}, with the x axis labelled
   * {@code pixel}.
   *
   * @param title the title
   * @param data the data values
   * @param noise the noise standard deviations
   * @param model the model values
   * @return the plot
   * @throws IllegalArgumentException if the lengths differ or a noise value is not positive
   */
  public static FitPlot of(String title, double[] data, double[] noise, double[] model) {
    return of(title, pixels(data.length), data, noise, model).labels("pixel", "value");
  }

  /**
   * The x coordinates {@code 0, 1, ..., n - 1}.
   *
   * @param n the number of values
   * @return the indices as doubles
   */
  public static double[] pixels(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }

  /**
   * This plot with its axes labelled.
   *
   * @param x the x axis label, e.g. {@code wavelength (nm)}
   * @param y the y axis label, e.g. {@code flux}
   * @return the plot
   */
  public FitPlot labels(String x, String y) {
    return new FitPlot(
        title,
        this.x,
        data,
        noise,
        model,
        lower,
        upper,
        Objects.requireNonNull(x, "x"),
        Objects.requireNonNull(y, "y"));
  }

  /**
   * This plot with a shaded band around the model, e.g. the 1-sigma credible interval of the model
   * curve over the posterior samples.
   *
   * @param lower the lower edge at each x
   * @param upper the upper edge at each x
   * @return the plot
   * @throws IllegalArgumentException if the lengths differ from the data's
   */
  public FitPlot band(double[] lower, double[] upper) {
    requireLength("lower", lower, x.length);
    requireLength("upper", upper, x.length);
    return new FitPlot(title, x, data, noise, model, lower.clone(), upper.clone(), xLabel, yLabel);
  }

  private static void requireLength(String name, double[] values, int length) {
    if (values.length != length) {
      throw new IllegalArgumentException(
          "x has " + length + " values but " + name + " has " + values.length + "; give one per x");
    }
  }

  @Override
  public int width() {
    return WIDTH;
  }

  @Override
  public int height() {
    return HEIGHT;
  }

  @Override
  public void paint(Graphics2D g) {
    chart().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
  }

  /** The chart, made anew for every drawing (JFreeChart objects are mutable). */
  JFreeChart chart() {
    YIntervalSeries dataSeries = new YIntervalSeries("data");
    YIntervalSeries modelSeries = new YIntervalSeries(lower == null ? "model" : "model and band");
    XYSeries residualSeries = new XYSeries("normalised residuals");
    for (int i = 0; i < x.length; i++) {
      dataSeries.add(x[i], data[i], data[i] - noise[i], data[i] + noise[i]);
      modelSeries.add(
          x[i], model[i], lower == null ? model[i] : lower[i], upper == null ? model[i] : upper[i]);
      residualSeries.add(x[i], (data[i] - model[i]) / noise[i]);
    }
    XYErrorRenderer errors = new XYErrorRenderer();
    errors.setDefaultLinesVisible(false);
    errors.setSeriesPaint(0, Color.DARK_GRAY);
    errors.setErrorPaint(Color.LIGHT_GRAY);
    YIntervalSeriesCollection dataCollection = new YIntervalSeriesCollection();
    dataCollection.addSeries(dataSeries);
    NumberAxis valueAxis = new NumberAxis(yLabel);
    valueAxis.setAutoRangeIncludesZero(false);
    XYPlot top = new XYPlot(dataCollection, null, valueAxis, errors);
    DeviationRenderer line = new DeviationRenderer(true, false);
    line.setSeriesPaint(0, MODEL);
    line.setSeriesFillPaint(0, new Color(0xF4, 0xA5, 0xA5));
    line.setAlpha(0.6f);
    line.setSeriesStroke(0, new BasicStroke(2f));
    YIntervalSeriesCollection modelCollection = new YIntervalSeriesCollection();
    modelCollection.addSeries(modelSeries);
    top.setDataset(1, modelCollection);
    top.setRenderer(1, line);
    XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
    points.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
    XYPlot bottom =
        new XYPlot(
            new XYSeriesCollection(residualSeries),
            null,
            new NumberAxis("residual / noise"),
            points);
    bottom.addRangeMarker(new IntervalMarker(-1, 1, new Color(0xEE, 0xEE, 0xEE)), Layer.BACKGROUND);
    bottom.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)), Layer.BACKGROUND);
    NumberAxis xAxis = new NumberAxis(xLabel);
    xAxis.setAutoRangeIncludesZero(false);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(xAxis);
    combined.add(top, 3);
    combined.add(bottom, 1);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
