package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Expectation propagation's approximation of each variable across sweeps: per variable, the median
 * of its approximation in physical units and the 68% band (the latent Gaussian's mean and mean ± sd
 * mapped through the prior, which are exact quantiles of the approximation), after every sweep
 * recorded by an {@link EpTrace}, panels stacked on a shared sweep axis; log axes for parameters
 * with log priors. A graph with more than {@value #MOST_PANELS} variables shows its global ones
 * (shared, hyper-parameters) first, and the subtitle says how many are shown.
 */
public final class EpTracePlot implements Figure {
  /** The most variables shown. */
  public static final int MOST_PANELS = 8;

  private static final int WIDTH = 800;
  private static final int PANEL_HEIGHT = 105;
  private static final int FRAME_HEIGHT = 130;
  private static final Color LINE = new Color(0x21, 0x66, 0xAC);
  private static final Color FILL = new Color(0xC6, 0xDB, 0xEF);

  private final JFreeChart chart;
  private final int height;
  private final List<String> shown;

  private EpTracePlot(JFreeChart chart, int height, List<String> shown) {
    this.chart = chart;
    this.height = height;
    this.shown = shown;
  }

  /**
   * The trace of a fit: the global variables first.
   *
   * @param result the fit's result
   * @param trace what was recorded while it ran
   * @return the plot
   */
  public static EpTracePlot of(EpResult result, EpTrace trace) {
    ModelLayout<CollectionInstance> layout = result.graph().layout();
    List<String> paths = layout.freeParameterPaths();
    List<Integer> order = CornerPlot.globalsFirst(paths, result.graph().globalParameters());
    List<Integer> chosen = order.subList(0, Math.min(MOST_PANELS, order.size()));
    List<String> names = ParameterNames.of(layout);
    List<EpTrace.Step> steps = trace.steps(result);
    NumberAxis sweepAxis = new NumberAxis("sweep");
    sweepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    sweepAxis.setRange(steps.get(0).sweep() - 0.3, Math.max(1, result.sweepCount()) + 0.3);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(sweepAxis);
    combined.setGap(6);
    List<String> shown = new ArrayList<>();
    Font small = Text.font(10, false);
    for (int v : chosen) {
      Prior prior = layout.prior(v);
      YIntervalSeries series = new YIntervalSeries(names.get(v));
      for (EpTrace.Step step : steps) {
        GaussianMessage q = step.approximation().get(v);
        if (q.isProper()) {
          double low = prior.fromLatent(q.mean() - q.sd());
          double high = prior.fromLatent(q.mean() + q.sd());
          series.add(
              step.sweep(), prior.fromLatent(q.mean()), Math.min(low, high), Math.max(low, high));
        }
      }
      DeviationRenderer renderer = new DeviationRenderer(true, true);
      renderer.setSeriesPaint(0, LINE);
      renderer.setSeriesFillPaint(0, FILL);
      renderer.setSeriesStroke(0, new BasicStroke(1.8f));
      renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
      renderer.setAlpha(0.8f);
      ValueAxis axis;
      if (Scale.of(prior) == Scale.LOG) {
        LogAxis log = new LogAxis(names.get(v));
        log.setSmallestValue(1e-300);
        log.setBase(10);
        axis = log;
      } else {
        NumberAxis linear = new NumberAxis(names.get(v));
        linear.setAutoRangeIncludesZero(false);
        axis = linear;
      }
      axis.setLabelFont(small);
      axis.setTickLabelFont(small);
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      data.addSeries(series);
      XYPlot plot = new XYPlot(data, null, axis, renderer);
      combined.add(plot, 1);
      shown.add(names.get(v));
    }
    JFreeChart chart =
        new JFreeChart(
            "EP approximation per sweep: median and 68% band",
            JFreeChart.DEFAULT_TITLE_FONT, combined, false);
    String note =
        (steps.size() == 1
                ? "No sweeps were recorded (the fit was loaded from its folder): the final"
                    + " approximation only. "
                : "")
            + (order.size() > chosen.size()
                ? "Showing "
                    + chosen.size()
                    + " of "
                    + order.size()
                    + " variables, the global ones first."
                : "");
    if (!note.isEmpty()) {
      chart.addSubtitle(new TextTitle(note.trim(), Text.font(11, false)));
    }
    chart.setBackgroundPaint(Color.WHITE);
    return new EpTracePlot(chart, FRAME_HEIGHT + PANEL_HEIGHT * chosen.size(), List.copyOf(shown));
  }

  /**
   * The names of the variables shown, in panel order.
   *
   * @return the names
   */
  public List<String> shownVariables() {
    return shown;
  }

  @Override
  public int width() {
    return WIDTH;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void paint(Graphics2D g) {
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
  }
}
