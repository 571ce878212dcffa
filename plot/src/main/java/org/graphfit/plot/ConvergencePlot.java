package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The convergence of expectation propagation: per sweep, the largest residual (the KL divergence of
 * the approximation an undamped update would give from the current one: the convergence criterion),
 * the noise floor of the sampled factors where there is one, and the largest per-variable KL
 * divergence between successive sweeps, on a logarithmic axis, as PNG. Zero values are left out (a
 * logarithmic axis cannot show them).
 */
public final class ConvergencePlot implements Figure {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private final JFreeChart chart;

  private ConvergencePlot(JFreeChart chart) {
    this.chart = chart;
  }

  /**
   * A plot of a result's sweep history.
   *
   * @param title the title
   * @param result the EP result
   * @return the plot
   */
  public static ConvergencePlot of(String title, EpResult result) {
    return of(title, result.sweeps());
  }

  /**
   * A plot of sweep summaries.
   *
   * @param title the title
   * @param sweeps the sweeps, as in {@link EpResult#sweeps()}
   * @return the plot
   */
  public static ConvergencePlot of(String title, List<EpSweep> sweeps) {
    XYSeries residual = new XYSeries("largest residual (the convergence criterion)");
    XYSeries floor = new XYSeries("noise floor of the sampled factors");
    XYSeries largest = new XYSeries("largest per-variable KL between sweeps");
    for (EpSweep sweep : sweeps) {
      if (sweep.residual() > 0 && Double.isFinite(sweep.residual())) {
        residual.add(sweep.sweep(), sweep.residual());
      }
      if (sweep.noiseFloor() > 0) {
        floor.add(sweep.sweep(), sweep.noiseFloor());
      }
      if (sweep.maxKl() > 0) {
        largest.add(sweep.sweep(), sweep.maxKl());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(residual);
    data.addSeries(floor);
    data.addSeries(largest);
    NumberAxis sweepAxis = new NumberAxis("sweep");
    sweepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    LogAxis klAxis = new LogAxis("KL divergence");
    klAxis.setSmallestValue(1e-300);
    klAxis.setTickUnit(new NumberTickUnit(1));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, new Color(0xD6, 0x27, 0x28));
    renderer.setSeriesPaint(1, new Color(0x7F, 0x7F, 0x7F));
    renderer.setSeriesPaint(2, new Color(0x1F, 0x77, 0xB4));
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesStroke(
        1,
        new BasicStroke(
            2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
    renderer.setSeriesStroke(2, new BasicStroke(1.5f));
    XYPlot plot = new XYPlot(data, sweepAxis, klAxis, renderer);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return new ConvergencePlot(chart);
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
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
  }
}
