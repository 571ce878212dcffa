package org.graphfit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

// One class of about 700 lines on purpose: the immutable builder (parameters, scales, truths,
// title) and the painting share the state prepared once per plot (axes, weighted columns, bin
// counts, see Prepared), which splitting would pass between classes. The panel geometry is in
// CornerLayout and the grid arithmetic (binning, blur, mass levels) in Grids.
/**
 * A corner plot of weighted posterior samples, drawn as one figure on a common grid: each
 * parameter's marginal histogram on the diagonal, titled with its median and 1-sigma errors ({@code
 * centre = 49.8 +3.1 -2.9}) and marked at the 16, 50 and 84% quantiles; each pair's joint density
 * below it, shaded by credible mass with the 39% and 86% contours (1 and 2 sigma of a 2-D
 * Gaussian). Every panel of a column shares its x axis, every panel of a row its y axis. Parameters
 * with log-uniform or log-Gaussian priors are drawn on log axes; axes span the 0.5% to 99.5%
 * quantiles (and any truth value).
 *
 * <pre>{@code
 * CornerPlot.of(result)                       // scales from the priors
 *     .parameters("centre", "dataset_0.sigma")
 *     .truths(Map.of("centre", 50.0))
 *     .writePng(folder.resolve("corner.png"));
 * }</pre>
 *
 * <p>A model with more than {@value #AUTOMATIC_LIMIT} free parameters shows {@value
 * #AUTOMATIC_LIMIT} of them unless told which: the shared (global) ones first, then the others in
 * order, and the picture's caption says so. Panels shrink as parameters are added, so the picture
 * stays under about 1,900 pixels a side; more than {@value #MOST_PARAMETERS} parameters are
 * refused.
 */
public final class CornerPlot implements Figure {
  /** How many parameters are shown when none are chosen. */
  public static final int AUTOMATIC_LIMIT = 8;

  /** The most parameters one corner plot shows. */
  public static final int MOST_PARAMETERS = 24;

  private static final double[] CONTOUR_MASSES = {1 - Math.exp(-0.5), 1 - Math.exp(-2)};
  private static final Color DENSITY = new Color(0x08, 0x30, 0x6B);

  /** The credible masses bounding the shaded bands of a joint panel, from the mode out. */
  private static final double[] BANDS = {
    0.2, CONTOUR_MASSES[0], 0.6, CONTOUR_MASSES[1], 0.95, 0.99
  };

  private static final Color[] BAND_COLOURS = bandColours();
  private static final Color HISTOGRAM_FILL = new Color(0xC6, 0xDB, 0xEF);
  private static final Color HISTOGRAM_LINE = new Color(0x21, 0x66, 0xAC);
  private static final Color TRUTH = new Color(0xD9, 0x48, 0x0F);
  private static final Color FRAME = new Color(0x55, 0x55, 0x55);

  private final Samples samples;
  private final List<String> names;
  private final List<String> paths;
  private final List<Scale> scales;
  private final List<Integer> preferred;
  private final String preference;
  private final List<Integer> chosen;
  private final Map<Integer, Double> truths;
  private final String title;
  private Prepared prepared;

  private CornerPlot(
      Samples samples,
      List<String> names,
      List<String> paths,
      List<Scale> scales,
      List<Integer> preferred,
      String preference,
      List<Integer> chosen,
      Map<Integer, Double> truths,
      String title) {
    this.samples = samples;
    this.names = names;
    this.paths = paths;
    this.scales = scales;
    this.preferred = preferred;
    this.preference = preference;
    this.chosen = chosen;
    this.truths = truths;
    this.title = title;
  }

  /**
   * A corner plot of samples on linear axes; choose log axes with {@link #scale(String, Scale)}.
   *
   * @param samples the weighted samples
   * @return the plot
   * @throws IllegalArgumentException if there are no samples
   */
  public static CornerPlot of(Samples samples) {
    requireSamples(samples);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < samples.dimension(); i++) {
      order.add(i);
    }
    return new CornerPlot(
        samples,
        samples.names(),
        samples.names(),
        Collections.nCopies(samples.dimension(), Scale.LINEAR),
        order,
        "in order",
        null,
        Map.of(),
        null);
  }

  /**
   * A corner plot of a result: log axes for parameters with log priors ({@link Scale#of}), shared
   * parameters named by the name their slots share ({@code centre}, not {@code dataset_0.centre})
   * and, for more than {@value #AUTOMATIC_LIMIT} parameters, the shared ones shown first.
   *
   * @param result the result
   * @return the plot
   * @throws IllegalArgumentException if the result has no samples
   */
  public static CornerPlot of(Result<?> result) {
    ModelLayout<?> layout = result.layout();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      if (layout.slotPathsOf(i).size() > 1) {
        order.add(i);
      }
    }
    int shared = order.size();
    for (int i = 0; i < layout.priorCount(); i++) {
      if (layout.slotPathsOf(i).size() <= 1) {
        order.add(i);
      }
    }
    return ofLayout(result, order, shared == 0 ? "in order" : "the shared ones first");
  }

  /**
   * A corner plot of a factor graph's joint fit, as {@link #of(Result)}, with the graph's global
   * parameters (shared by several factors, or hyper-parameters) shown first.
   *
   * @param result the joint result
   * @return the plot
   * @throws IllegalArgumentException if the result has no samples
   */
  public static CornerPlot of(GraphResult result) {
    Result<?> global = result.global();
    List<String> free = global.layout().freeParameterPaths();
    List<String> globals = result.graph().globalParameters();
    List<Integer> order = globalsFirst(free, globals);
    return ofLayout(global, order, globals.isEmpty() ? "in order" : "the global ones first");
  }

  /**
   * Parameter indices with the global ones first, in their order, then the others in order; linear
   * in the number of parameters.
   */
  static List<Integer> globalsFirst(List<String> paths, List<String> globals) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      index.put(paths.get(i), i);
    }
    boolean[] first = new boolean[paths.size()];
    List<Integer> order = new ArrayList<>(paths.size());
    for (String path : globals) {
      int i = index.get(path);
      first[i] = true;
      order.add(i);
    }
    for (int i = 0; i < paths.size(); i++) {
      if (!first[i]) {
        order.add(i);
      }
    }
    return order;
  }

  private static CornerPlot ofLayout(Result<?> result, List<Integer> order, String preference) {
    Samples samples = result.samples();
    requireSamples(samples);
    ModelLayout<?> layout = result.layout();
    List<Scale> scales = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      scales.add(Scale.of(layout.prior(i)));
    }
    return new CornerPlot(
        samples,
        ParameterNames.of(layout),
        layout.freeParameterPaths(),
        List.copyOf(scales),
        List.copyOf(order),
        preference,
        null,
        Map.of(),
        null);
  }

  private static void requireSamples(Samples samples) {
    if (samples.size() == 0 || samples.dimension() == 0) {
      throw new IllegalArgumentException(
          "a corner plot needs samples of at least one parameter but got "
              + samples.size()
              + " samples of "
              + samples.dimension());
    }
  }

  /**
   * This plot showing only the given parameters, in the given order.
   *
   * @param names parameter names as the plot shows them, or free-parameter paths
   * @return the plot
   * @throws IllegalArgumentException if a name is unknown or repeated, none is given, or more than
   *     {@value #MOST_PARAMETERS} are
   */
  public CornerPlot parameters(String... names) {
    return parameters(List.of(names));
  }

  /**
   * This plot showing only the given parameters, in the given order.
   *
   * @param names parameter names as the plot shows them, or free-parameter paths
   * @return the plot
   * @throws IllegalArgumentException if a name is unknown or repeated, none is given, or more than
   *     {@value #MOST_PARAMETERS} are
   */
  public CornerPlot parameters(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("choose at least one parameter to plot");
    }
    if (names.size() > MOST_PARAMETERS) {
      throw new IllegalArgumentException(
          names.size()
              + " parameters are too many for one readable corner plot; choose at most "
              + MOST_PARAMETERS
              + " (e.g. the global ones, or one factor's)");
    }
    List<Integer> indices = new ArrayList<>();
    for (String name : names) {
      int index = index(name);
      if (indices.contains(index)) {
        throw new IllegalArgumentException("parameter '" + name + "' is chosen twice");
      }
      indices.add(index);
    }
    return new CornerPlot(
        samples,
        this.names,
        paths,
        scales,
        preferred,
        preference,
        List.copyOf(indices),
        truths,
        title);
  }

  /**
   * This plot with one parameter drawn on another scale.
   *
   * @param name a parameter name or path
   * @param scale the scale; {@link Scale#LOG} needs positive samples
   * @return the plot
   * @throws IllegalArgumentException if the name is unknown
   */
  public CornerPlot scale(String name, Scale scale) {
    List<Scale> changed = new ArrayList<>(scales);
    changed.set(index(name), Objects.requireNonNull(scale, "scale"));
    return new CornerPlot(
        samples, names, paths, List.copyOf(changed), preferred, preference, chosen, truths, title);
  }

  /**
   * This plot with true values marked by lines (simulated data, a reference fit); parameters not
   * named have none.
   *
   * @param values parameter names or paths to values
   * @return the plot
   * @throws IllegalArgumentException if a name is unknown or a value is not finite
   */
  public CornerPlot truths(Map<String, Double> values) {
    Map<Integer, Double> byIndex = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the truth of '" + name + "' is " + value);
          }
          byIndex.put(index(name), value);
        });
    return new CornerPlot(
        samples, names, paths, scales, preferred, preference, chosen, Map.copyOf(byIndex), title);
  }

  /**
   * This plot with a title above it.
   *
   * @param text the title
   * @return the plot
   */
  public CornerPlot title(String text) {
    return new CornerPlot(
        samples,
        names,
        paths,
        scales,
        preferred,
        preference,
        chosen,
        truths,
        Objects.requireNonNull(text, "text"));
  }

  private int index(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      index = paths.indexOf(name);
    }
    if (index < 0) {
      List<String> similar = new ArrayList<>();
      for (String known : names) {
        if (known.endsWith("." + name) || known.endsWith(name)) {
          similar.add(known);
        }
      }
      throw new IllegalArgumentException(
          "no parameter '"
              + name
              + "'"
              + (similar.isEmpty() ? "" : "; did you mean one of " + similar)
              + "; the parameters are "
              + names);
    }
    return index;
  }

  /**
   * The names of the parameters shown, in panel order.
   *
   * @return the names
   */
  public List<String> shownParameters() {
    return shown().stream().map(names::get).toList();
  }

  /**
   * The note the caption carries when the plot shows fewer parameters than the model has without
   * being told which.
   *
   * @return the note, or empty
   */
  public Optional<String> note() {
    if (chosen != null || names.size() <= AUTOMATIC_LIMIT) {
      return Optional.empty();
    }
    return Optional.of(
        "Showing "
            + AUTOMATIC_LIMIT
            + " of "
            + names.size()
            + " parameters, "
            + preference
            + "; choose others with parameters(...).");
  }

  /**
   * The scale a parameter is drawn on.
   *
   * @param name a parameter name or path
   * @return the scale
   * @throws IllegalArgumentException if the name is unknown
   */
  public Scale scaleOf(String name) {
    return scales.get(index(name));
  }

  private List<Integer> shown() {
    if (chosen != null) {
      return chosen;
    }
    return preferred.subList(0, Math.min(AUTOMATIC_LIMIT, preferred.size()));
  }

  @Override
  public int width() {
    return layout().width();
  }

  @Override
  public int height() {
    return layout().height();
  }

  /** The geometry, computed once. */
  CornerLayout layout() {
    return prepared().layout;
  }

  private Prepared prepared() {
    if (prepared == null) {
      prepared = new Prepared(shown());
    }
    return prepared;
  }

  /** The shown parameters' indices, samples, quantiles, axes and layout. */
  private final class Prepared {
    final int[] index;

    /** The samples of the shown parameters only, column {@code k} for panel {@code k}. */
    final Samples columns;

    final double[] lower;
    final double[] median;
    final double[] upper;
    final CornerLayout layout;

    Prepared(List<Integer> shown) {
      index = shown.stream().mapToInt(Integer::intValue).toArray();
      columns = Columns.of(samples, index);
      double[] low = columns.quantile(0.005);
      double[] high = columns.quantile(0.995);
      double[][] sigma = columns.valuesAtSigma(1);
      double[] medians = columns.median();
      lower = new double[index.length];
      median = new double[index.length];
      upper = new double[index.length];
      List<Axis> axes = new ArrayList<>();
      List<Numbers.Estimate> estimates = new ArrayList<>();
      List<String> shownNames = new ArrayList<>();
      for (int k = 0; k < index.length; k++) {
        int d = index[k];
        Scale scale = scales.get(d);
        if (scale == Scale.LOG) {
          requirePositive(k);
        }
        lower[k] = sigma[0][k];
        median[k] = medians[k];
        upper[k] = sigma[1][k];
        double from = low[k];
        double to = high[k];
        Double truth = truths.get(d);
        if (truth != null && (scale == Scale.LINEAR || truth > 0)) {
          from = Math.min(from, truth);
          to = Math.max(to, truth);
        }
        Axis tight = Axis.spanning(scale, from, to);
        axes.add(Axis.spanning(scale, tight.value(-0.03), tight.value(1.03)));
        estimates.add(Numbers.estimate(median[k], upper[k] - median[k], median[k] - lower[k]));
        shownNames.add(names.get(d));
      }
      layout = new CornerLayout(shownNames, axes, estimates, title, note().orElse(null));
    }

    private void requirePositive(int k) {
      for (int i = 0; i < columns.size(); i++) {
        double value = columns.vector(i)[k];
        if (!(value > 0)) {
          throw new IllegalArgumentException(
              "parameter '"
                  + names.get(index[k])
                  + "' has the sample value "
                  + value
                  + ", which a log axis cannot show; draw it with Scale.LINEAR");
        }
      }
    }
  }

  @Override
  public void paint(Graphics2D g) {
    Prepared p = prepared();
    CornerLayout layout = p.layout;
    int n = layout.count();
    double ess = samples.effectiveSampleSize();
    int bins1 = Grids.clamp((int) Math.round(Math.sqrt(ess)), 12, 40);
    int bins2 = Grids.clamp((int) Math.round(Math.sqrt(ess) / 3), 10, 20);
    for (int row = 0; row < n; row++) {
      for (int column = 0; column <= row; column++) {
        Rectangle2D area = layout.panel(row, column);
        if (row == column) {
          marginal(g, p, row, area, bins1);
        } else {
          joint(g, p, column, row, area, bins2);
        }
        frame(g, layout, row, column, area);
      }
    }
    g.setColor(Color.BLACK);
    for (CornerLayout.Label label : layout.tickLabels()) {
      label.tick().draw(g, CornerLayout.TICK_FONT, label.x(), label.y(), label.anchor());
    }
    for (int k = 0; k < n; k++) {
      Rectangle2D column = layout.panel(n - 1, k);
      Text.draw(
          g,
          layout.axisLabel(k),
          layout.axisLabelFont(k),
          column.getCenterX(),
          layout.axisLabelY(),
          0.5);
      if (k > 0) {
        Rectangle2D row = layout.panel(k, 0);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, layout.yLabelX(), row.getCenterY());
        Text.draw(
            g,
            layout.axisLabel(k),
            layout.axisLabelFont(k),
            layout.yLabelX(),
            row.getCenterY(),
            0.5);
        g.setTransform(saved);
      }
    }
    for (CornerLayout.TitleLine line : layout.titles()) {
      line.text().draw(g, line.x(), line.y(), 0.5);
    }
    if (title != null) {
      Text.draw(
          g,
          title,
          CornerLayout.FIGURE_TITLE_FONT,
          layout.width() / 2.0,
          layout.figureTitleY(),
          0.5);
    }
    g.setColor(new Color(0x44, 0x44, 0x44));
    List<String> caption = layout.captionLines();
    for (int line = 0; line < caption.size(); line++) {
      Text.draw(
          g,
          caption.get(line),
          CornerLayout.CAPTION_FONT,
          CornerLayout.PAD,
          layout.captionY(line),
          0);
    }
  }

  private void frame(Graphics2D g, CornerLayout layout, int row, int column, Rectangle2D area) {
    g.setColor(FRAME);
    g.setStroke(new BasicStroke(0.8f));
    g.draw(area);
    for (Axis.Tick tick : layout.xTicks(column)) {
      double x = area.getX() + layout.axis(column).position(tick.value()) * area.getWidth();
      g.draw(new Line2D.Double(x, area.getMaxY(), x, area.getMaxY() - CornerLayout.TICK));
    }
    if (row != column) {
      for (Axis.Tick tick : layout.yTicks(row)) {
        double y = area.getMaxY() - layout.axis(row).position(tick.value()) * area.getHeight();
        g.draw(new Line2D.Double(area.getX(), y, area.getX() + CornerLayout.TICK, y));
      }
    }
  }

  private void marginal(Graphics2D g, Prepared p, int k, Rectangle2D area, int bins) {
    Axis axis = p.layout.axis(k);
    int d = p.index[k];
    Samples columns = p.columns;
    double[] heights = new double[bins];
    for (int i = 0; i < columns.size(); i++) {
      int bin = Grids.bin(axis, columns.vector(i)[k], bins);
      if (bin >= 0) {
        heights[bin] += columns.weight(i);
      }
    }
    double max = Arrays.stream(heights).max().orElse(0);
    if (max > 0) {
      Path2D.Double outline = new Path2D.Double();
      outline.moveTo(area.getX(), area.getMaxY());
      for (int b = 0; b < bins; b++) {
        double y = area.getMaxY() - heights[b] / (max * 1.08) * area.getHeight();
        outline.lineTo(area.getX() + b * area.getWidth() / bins, y);
        outline.lineTo(area.getX() + (b + 1) * area.getWidth() / bins, y);
      }
      outline.lineTo(area.getMaxX(), area.getMaxY());
      g.setColor(HISTOGRAM_FILL);
      g.fill(outline);
      g.setColor(HISTOGRAM_LINE);
      g.setStroke(new BasicStroke(1.2f));
      g.draw(outline);
    }
    g.setColor(new Color(0x33, 0x33, 0x33));
    float[] dash = {4f, 3f};
    for (double value : new double[] {p.lower[k], p.upper[k]}) {
      g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, dash, 0));
      verticalLine(g, axis, value, area);
    }
    g.setStroke(new BasicStroke(1.2f));
    verticalLine(g, axis, p.median[k], area);
    Double truth = truths.get(d);
    if (truth != null) {
      g.setColor(TRUTH);
      g.setStroke(new BasicStroke(1.6f));
      verticalLine(g, axis, truth, area);
    }
  }

  private static void verticalLine(Graphics2D g, Axis axis, double value, Rectangle2D area) {
    double at = axis.position(value);
    if (at >= 0 && at <= 1) {
      double x = area.getX() + at * area.getWidth();
      g.draw(new Line2D.Double(x, area.getY(), x, area.getMaxY()));
    }
  }

  private void joint(Graphics2D g, Prepared p, int kx, int ky, Rectangle2D area, int bins) {
    Axis xAxis = p.layout.axis(kx);
    Axis yAxis = p.layout.axis(ky);
    int dx = p.index[kx];
    int dy = p.index[ky];
    Samples columns = p.columns;
    double[][] density = new double[bins][bins];
    for (int i = 0; i < columns.size(); i++) {
      double[] vector = columns.vector(i);
      int bx = Grids.bin(xAxis, vector[kx], bins);
      int by = Grids.bin(yAxis, vector[ky], bins);
      if (bx >= 0 && by >= 0) {
        density[bx][by] += columns.weight(i);
      }
    }
    double[][] level = Grids.massLevels(Grids.smooth(density, 1.0));
    int size = Math.max(1, (int) Math.round(area.getWidth()));
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    for (int px = 0; px < size; px++) {
      for (int py = 0; py < size; py++) {
        double mass =
            Grids.interpolate(
                level, (px + 0.5) / size * bins - 0.5, (1 - (py + 0.5) / size) * bins - 0.5);
        for (int band = 0; band < BANDS.length; band++) {
          if (mass <= BANDS[band]) {
            image.setRGB(px, py, BAND_COLOURS[band].getRGB());
            break;
          }
        }
      }
    }
    AffineTransform place = new AffineTransform();
    place.translate(area.getX(), area.getY());
    place.scale(area.getWidth() / size, area.getHeight() / size);
    g.drawImage(image, place, null);
    g.setColor(DENSITY);
    g.setStroke(new BasicStroke(1.1f));
    for (double mass : CONTOUR_MASSES) {
      g.draw(Contours.of(level, mass, area));
    }
    Double tx = truths.get(dx);
    Double ty = truths.get(dy);
    g.setColor(TRUTH);
    g.setStroke(new BasicStroke(1.4f));
    if (tx != null) {
      verticalLine(g, xAxis, tx, area);
    }
    if (ty != null) {
      double at = yAxis.position(ty);
      if (at >= 0 && at <= 1) {
        double y = area.getMaxY() - at * area.getHeight();
        g.draw(new Line2D.Double(area.getX(), y, area.getMaxX(), y));
      }
    }
  }

  /** Blues from dark at the mode to pale in the tails. */
  private static Color[] bandColours() {
    Color dark = new Color(0x2B, 0x5C, 0x9E);
    Color pale = new Color(0xEE, 0xF4, 0xFB);
    Color[] colours = new Color[BANDS.length];
    for (int band = 0; band < colours.length; band++) {
      double t = band / (colours.length - 1.0);
      colours[band] =
          new Color(
              (int) Math.round(dark.getRed() + t * (pale.getRed() - dark.getRed())),
              (int) Math.round(dark.getGreen() + t * (pale.getGreen() - dark.getGreen())),
              (int) Math.round(dark.getBlue() + t * (pale.getBlue() - dark.getBlue())));
    }
    return colours;
  }
}
