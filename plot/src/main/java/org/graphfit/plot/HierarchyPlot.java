package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.graph.ParentDistribution;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.Samples;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

// One class of about 500 lines on purpose: what it reads from a joint fit or an EP fit (the
// parent's predictive band, each member's quantiles, see Data and Predictive) exists only for this
// chart, and the JFreeChart drawing that follows reads every field of it.
/**
 * A hierarchy at a glance: each drawn parameter (one per dataset) with its median and 1-sigma
 * interval, the fitted parent distribution's mean as a line with its ±1σ band shaded (the mean and
 * standard deviation of the parent's predictive density, averaged over the hyper-parameters'
 * posterior), the 1-sigma interval of a {@code mean} hyper-parameter darker, optional true values,
 * and the predictive density itself in a panel on the right, as PNG or SVG.
 *
 * <pre>{@code
 * HierarchyPlot.of(result, centres).truths(trueCentres).writePng(folder.resolve("hierarchy.png"));
 * }</pre>
 */
public final class HierarchyPlot implements Figure {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  private static final int GRID = 400;
  private static final int DRAWS = 400;
  private static final int MOST_NAMED = 20;
  private static final Color BAND = new Color(0xE8, 0xD5, 0xF2);
  private static final Color MEAN_BAND = new Color(0xC9, 0xA6, 0xDF);
  private static final Color PARENT = new Color(0x6A, 0x3D, 0x8A);
  private static final Color TRUTH = new Color(0xD9, 0x48, 0x0F);

  /** The drawn parameters' names, medians and 1-sigma bounds, and the parent's density. */
  private record Data(
      String quantity,
      List<String> members,
      double[] median,
      double[] lower,
      double[] upper,
      double[] grid,
      double[] density,
      double mean,
      double sd,
      double meanLower,
      double meanUpper) {}

  private final String title;
  private final Data data;
  private final double[] truths;

  private HierarchyPlot(String title, Data data, double[] truths) {
    this.title = title;
    this.data = data;
    this.truths = truths;
  }

  /**
   * The hierarchy of a joint fit: drawn parameters' weighted quantiles, the predictive density
   * averaged over {@value #DRAWS} equal-weight posterior draws of the hyper-parameters.
   *
   * @param result the joint result of the graph holding the factor
   * @param factor the hierarchical factor
   * @return the plot
   * @throws IllegalArgumentException if the factor's parameters are not in the result
   */
  public static HierarchyPlot of(GraphResult result, HierarchicalFactor factor) {
    ModelLayout<CollectionInstance> layout = result.global().layout();
    List<Parameter> drawn = factor.drawnParameters();
    List<Parameter> hyper = factor.hyperParameters();
    int n = drawn.size();
    // columns: the drawn parameters, then the free hyper-parameters (fixed ones are constants)
    int[] indices = new int[n + hyper.size()];
    int columnCount = 0;
    List<String> paths = new ArrayList<>();
    for (Parameter parameter : drawn) {
      indices[columnCount++] = indexIn(layout, parameter, factor);
      paths.add(layout.freeParameterPaths().get(indices[columnCount - 1]));
    }
    int[] hyperColumn = new int[hyper.size()];
    for (int h = 0; h < hyper.size(); h++) {
      hyperColumn[h] = hyper.get(h).isFixed() ? -1 : columnCount;
      if (!hyper.get(h).isFixed()) {
        indices[columnCount++] = indexIn(layout, hyper.get(h), factor);
      }
    }
    Samples samples = Columns.of(result.global().samples(), Arrays.copyOf(indices, columnCount));
    double[] median = Arrays.copyOf(samples.median(), n);
    double[][] sigma = samples.valuesAtSigma(1);
    double[] lower = Arrays.copyOf(sigma[0], n);
    double[] upper = Arrays.copyOf(sigma[1], n);
    Samples draws = samples.equalWeight(DRAWS, 0);
    List<double[]> hyperDraws = new ArrayList<>();
    for (int s = 0; s < draws.size(); s++) {
      double[] vector = draws.vector(s);
      double[] values = new double[hyper.size()];
      for (int h = 0; h < values.length; h++) {
        values[h] = hyperColumn[h] < 0 ? hyper.get(h).fixedValue() : vector[hyperColumn[h]];
      }
      hyperDraws.add(values);
    }
    double[] meanBounds = {Double.NaN, Double.NaN};
    int meanHyper = factor.distribution().hyperParameterNames().indexOf("mean");
    if (meanHyper >= 0 && hyperColumn[meanHyper] >= 0) {
      meanBounds =
          new double[] {sigma[0][hyperColumn[meanHyper]], sigma[1][hyperColumn[meanHyper]]};
    }
    return new HierarchyPlot(
        defaultTitle(factor),
        data(paths, median, lower, upper, factor.distribution(), hyperDraws, null, meanBounds),
        null);
  }

  /**
   * The hierarchy of an expectation-propagation fit: drawn parameters' mean ± sd, the predictive
   * density averaged over a grid of the hyper-parameters' latent Gaussians.
   *
   * @param result the EP result of the graph holding the factor
   * @param factor the hierarchical factor
   * @return the plot
   * @throws IllegalArgumentException if the factor's parameters are not in the result
   */
  public static HierarchyPlot of(EpResult result, HierarchicalFactor factor) {
    ModelLayout<CollectionInstance> layout = result.graph().layout();
    List<Parameter> drawn = factor.drawnParameters();
    int n = drawn.size();
    double[] median = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      VariableSummary summary = result.summary(drawn.get(i));
      median[i] = summary.mean();
      lower[i] = summary.mean() - summary.sd();
      upper[i] = summary.mean() + summary.sd();
      paths.add(summary.path());
    }
    // each free hyper-parameter at 13 latent points from -3 to 3 sd, weighted by the normal density
    double[] points = new double[13];
    for (int p = 0; p < points.length; p++) {
      points[p] = -3 + 0.5 * p;
    }
    List<Parameter> hyper = factor.hyperParameters();
    List<double[]> combinations = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int free = 0;
    for (Parameter parameter : hyper) {
      free += parameter.isFixed() ? 0 : 1;
    }
    int total = (int) Math.pow(points.length, free);
    for (int c = 0; c < total; c++) {
      double[] values = new double[hyper.size()];
      double weight = 1;
      int code = c;
      for (int h = 0; h < values.length; h++) {
        Parameter parameter = hyper.get(h);
        if (parameter.isFixed()) {
          values[h] = parameter.fixedValue();
          continue;
        }
        double z = points[code % points.length];
        code /= points.length;
        VariableSummary summary = result.summary(parameter);
        Prior prior = layout.prior(indexIn(layout, parameter, factor));
        values[h] = prior.fromLatent(summary.latentMean() + z * summary.latentSd());
        weight *= Math.exp(-0.5 * z * z);
      }
      combinations.add(values);
      weights.add(weight);
    }
    double[] meanBounds = {Double.NaN, Double.NaN};
    int meanHyper = factor.distribution().hyperParameterNames().indexOf("mean");
    if (meanHyper >= 0 && !hyper.get(meanHyper).isFixed()) {
      VariableSummary summary = result.summary(hyper.get(meanHyper));
      meanBounds = new double[] {summary.mean() - summary.sd(), summary.mean() + summary.sd()};
    }
    return new HierarchyPlot(
        defaultTitle(factor) + " (EP)",
        data(paths, median, lower, upper, factor.distribution(), combinations, weights, meanBounds),
        null);
  }

  private static String defaultTitle(HierarchicalFactor factor) {
    return factor.name()
        + ": drawn parameters and the fitted "
        + factor.distribution().familyName();
  }

  private static int indexIn(
      ModelLayout<?> layout, Parameter parameter, HierarchicalFactor factor) {
    int index = layout.indexOf(parameter);
    if (index < 0) {
      throw new IllegalArgumentException(
          "a parameter of hierarchical factor '"
              + factor.name()
              + "' is not a free parameter of the fitted graph; plot the result of the graph the"
              + " factor was added to");
    }
    return index;
  }

  private static Data data(
      List<String> paths,
      double[] median,
      double[] lower,
      double[] upper,
      ParentDistribution family,
      List<double[]> hyperValues,
      List<Double> weights,
      double[] meanBounds) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < median.length; i++) {
      low = Math.min(low, lower[i]);
      high = Math.max(high, upper[i]);
    }
    // the grid spans the members, widened until the predictive density's tails are inside it,
    // then narrowed onto the density if it is much narrower than the grid
    Predictive predictive = new Predictive(family, hyperValues, weights);
    double span = Math.max(high - low, 1e-9);
    for (int widening = 0; widening < 8; widening++) {
      predictive.fill(low - span * (1 << widening), high + span * (1 << widening));
      if (predictive.tailsInside()) {
        break;
      }
    }
    if (predictive.sd > 0 && predictive.sd < 20 * predictive.step()) {
      predictive.fill(predictive.mean - 10 * predictive.sd, predictive.mean + 10 * predictive.sd);
    }
    double[] grid = predictive.grid;
    double[] density = predictive.density;
    double mean = predictive.mass > 0 ? predictive.mean : 0.5 * (low + high);
    double sd = predictive.mass > 0 ? predictive.sd : 0;
    List<String> members = new ArrayList<>();
    String quantity = null;
    boolean sameQuantity = true;
    for (String path : paths) {
      int dot = path.indexOf('.');
      members.add(dot < 0 ? path : path.substring(0, dot));
      String rest = dot < 0 ? path : path.substring(dot + 1);
      sameQuantity &= quantity == null || quantity.equals(rest);
      quantity = rest;
    }
    return new Data(
        sameQuantity && quantity != null ? quantity : "drawn parameter",
        List.copyOf(members),
        median,
        lower,
        upper,
        grid,
        density,
        mean,
        sd,
        meanBounds[0],
        meanBounds[1]);
  }

  /** The parent's predictive density on a grid, averaged over weighted hyper-parameter values. */
  private static final class Predictive {
    final ParentDistribution family;
    final List<double[]> hyperValues;
    final List<Double> weights;
    final double[] grid = new double[GRID];
    final double[] density = new double[GRID];
    double mass;
    double mean;
    double sd;

    Predictive(ParentDistribution family, List<double[]> hyperValues, List<Double> weights) {
      this.family = family;
      this.hyperValues = hyperValues;
      this.weights = weights;
    }

    void fill(double from, double to) {
      double total = 0;
      for (int s = 0; s < hyperValues.size(); s++) {
        total += weights == null ? 1 : weights.get(s);
      }
      double first = 0;
      double second = 0;
      mass = 0;
      for (int k = 0; k < GRID; k++) {
        grid[k] = from + (to - from) * k / (GRID - 1);
        double sum = 0;
        for (int s = 0; s < hyperValues.size(); s++) {
          double log = family.logDensity(grid[k], hyperValues.get(s));
          sum +=
              (weights == null ? 1 : weights.get(s)) * (Double.isFinite(log) ? Math.exp(log) : 0);
        }
        density[k] = sum / total;
        mass += density[k];
        first += density[k] * grid[k];
        second += density[k] * grid[k] * grid[k];
      }
      mean = mass > 0 ? first / mass : Double.NaN;
      sd = mass > 0 ? Math.sqrt(Math.max(0, second / mass - mean * mean)) : Double.NaN;
    }

    boolean tailsInside() {
      double top = 0;
      for (double value : density) {
        top = Math.max(top, value);
      }
      return density[0] <= 1e-4 * top && density[GRID - 1] <= 1e-4 * top;
    }

    double step() {
      return (grid[GRID - 1] - grid[0]) / (GRID - 1);
    }
  }

  /**
   * This plot with the true value of each drawn parameter marked (simulated data).
   *
   * @param values one value per drawn parameter, in the factor's order
   * @return the plot
   * @throws IllegalArgumentException if the count differs from the drawn parameters'
   */
  public HierarchyPlot truths(double[] values) {
    if (values.length != data.median().length) {
      throw new IllegalArgumentException(
          "the factor draws "
              + data.median().length
              + " parameters but "
              + values.length
              + " truths were given");
    }
    return new HierarchyPlot(title, data, values.clone());
  }

  /**
   * This plot with another title.
   *
   * @param text the title
   * @return the plot
   */
  public HierarchyPlot title(String text) {
    return new HierarchyPlot(Objects.requireNonNull(text, "text"), data, truths);
  }

  /**
   * The mean of the fitted parent's predictive density.
   *
   * @return the mean
   */
  public double parentMean() {
    return data.mean();
  }

  /**
   * The standard deviation of the fitted parent's predictive density: the half-width of the band.
   *
   * @return the standard deviation
   */
  public double parentSd() {
    return data.sd();
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
    int n = data.median().length;
    YIntervalSeries members = new YIntervalSeries("median and 1\u03c3 interval of each");
    for (int i = 0; i < n; i++) {
      members.add(i, data.median()[i], data.lower()[i], data.upper()[i]);
    }
    YIntervalSeriesCollection memberData = new YIntervalSeriesCollection();
    memberData.addSeries(members);
    XYErrorRenderer errors = new XYErrorRenderer();
    errors.setDefaultLinesVisible(false);
    errors.setSeriesPaint(0, new Color(0x22, 0x22, 0x22));
    errors.setErrorPaint(new Color(0x44, 0x44, 0x44));
    errors.setErrorStroke(new BasicStroke(1.4f));
    errors.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    ValueAxis memberAxis;
    if (n <= MOST_NAMED) {
      SymbolAxis names = new SymbolAxis(null, data.members().toArray(new String[0]));
      names.setVerticalTickLabels(n > 8);
      names.setGridBandsVisible(false);
      memberAxis = names;
    } else {
      NumberAxis index = new NumberAxis("index of the drawn parameter");
      index.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      memberAxis = index;
    }
    memberAxis.setRange(-0.6, n - 0.4);
    NumberAxis valueAxis = new NumberAxis(data.quantity());
    valueAxis.setAutoRangeIncludesZero(false);
    XYPlot left = new XYPlot(memberData, memberAxis, valueAxis, errors);
    left.addRangeMarker(
        new IntervalMarker(data.mean() - data.sd(), data.mean() + data.sd(), BAND),
        Layer.BACKGROUND);
    if (Double.isFinite(data.meanLower())) {
      left.addRangeMarker(
          new IntervalMarker(data.meanLower(), data.meanUpper(), MEAN_BAND), Layer.BACKGROUND);
    }
    left.addRangeMarker(
        new ValueMarker(data.mean(), PARENT, new BasicStroke(2f)), Layer.BACKGROUND);
    if (truths != null) {
      XYSeries truthSeries = new XYSeries("true value");
      for (int i = 0; i < n; i++) {
        truthSeries.add(i, truths[i]);
      }
      XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
      marks.setSeriesPaint(0, TRUTH);
      marks.setSeriesShape(0, cross());
      marks.setSeriesStroke(0, new BasicStroke(2f));
      left.setDataset(1, new XYSeriesCollection(truthSeries));
      left.setRenderer(1, marks);
    }
    XYSeries curve = new XYSeries("predictive density of the parent", false, true);
    double top = 0;
    for (int k = 0; k < data.grid().length; k++) {
      curve.add(data.density()[k], data.grid()[k]);
      top = Math.max(top, data.density()[k]);
    }
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, PARENT);
    line.setSeriesStroke(0, new BasicStroke(2f));
    NumberAxis densityAxis = new NumberAxis("density");
    densityAxis.setRange(0, top > 0 ? top * 1.1 : 1);
    densityAxis.setTickLabelsVisible(false);
    densityAxis.setTickMarksVisible(false);
    XYPlot right = new XYPlot(new XYSeriesCollection(curve), densityAxis, null, line);
    right.addRangeMarker(
        new IntervalMarker(data.mean() - data.sd(), data.mean() + data.sd(), BAND),
        Layer.BACKGROUND);
    right.addRangeMarker(
        new ValueMarker(data.mean(), PARENT, new BasicStroke(2f)), Layer.BACKGROUND);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(valueAxis);
    combined.add(left, 5);
    combined.add(right, 1);
    // the value axis spans the members, their truths and the band
    double low = data.mean() - 1.5 * data.sd();
    double high = data.mean() + 1.5 * data.sd();
    for (int i = 0; i < n; i++) {
      low = Math.min(low, data.lower()[i]);
      high = Math.max(high, data.upper()[i]);
      if (truths != null) {
        low = Math.min(low, truths[i]);
        high = Math.max(high, truths[i]);
      }
    }
    double pad = 0.05 * Math.max(high - low, 1e-9);
    valueAxis.setRange(low - pad, high + pad);
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("median and 1\u03c3 interval of each", new Color(0x22, 0x22, 0x22)));
    legend.add(new LegendItem("parent mean", PARENT));
    legend.add(new LegendItem("parent mean \u00b1 1\u03c3 (predictive)", BAND));
    if (Double.isFinite(data.meanLower())) {
      legend.add(new LegendItem("1\u03c3 interval of the mean", MEAN_BAND));
    }
    if (truths != null) {
      legend.add(new LegendItem("true value", TRUTH));
    }
    combined.setFixedLegendItems(legend);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static Shape cross() {
    Path2D.Double cross = new Path2D.Double();
    cross.append(new Line2D.Double(-4, -4, 4, 4), false);
    cross.append(new Line2D.Double(-4, 4, 4, -4), false);
    return cross;
  }
}
