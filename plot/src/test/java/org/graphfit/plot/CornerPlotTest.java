package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.LogUniformPrior;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CornerPlotTest {
  @TempDir Path folder;

  /** Samples of a graph's parameters: log-normal for log-uniform priors, normal otherwise. */
  static Samples samplesOf(ModelLayout<?> layout, int n) {
    int d = layout.priorCount();
    double[] mean = new double[d];
    double[] sd = new double[d];
    boolean[] log = new boolean[d];
    for (int i = 0; i < d; i++) {
      log[i] = layout.prior(i) instanceof LogUniformPrior;
      mean[i] = log[i] ? -2 : 10 + 5 * i;
      sd[i] = log[i] ? 0.8 : 2 + i % 3;
    }
    return TestGraphs.samples(layout.freeParameterPaths(), mean, sd, log, n, 7);
  }

  /** A search that returns given samples instead of fitting. */
  static NonLinearSearch returning(Samples samples) {
    return new NonLinearSearch() {
      @Override
      public <T> Result<T> fit(Model<T> model, Analysis<T> analysis) {
        return Result.builder("fixed samples", model.layout(), samples).build();
      }
    };
  }

  static GraphResult fitted(FactorGraph graph, int n) {
    return graph.fit(returning(samplesOf(graph.layout(), n)));
  }

  static Result<CollectionInstance> result(FactorGraph graph, int n) {
    ModelLayout<CollectionInstance> layout = graph.layout();
    return Result.builder("fixed samples", layout, samplesOf(layout, n)).build();
  }

  @Test
  void panelsOfAColumnShareLeftEdgeAndWidthAndPanelsOfARowTopAndHeight() {
    CornerLayout layout = CornerPlot.of(result(TestGraphs.shared(3), 4000)).layout();

    int n = layout.count();
    assertThat(n).isEqualTo(7);
    for (int column = 0; column < n; column++) {
      Rectangle2D top = layout.panel(column, column);
      for (int row = column; row < n; row++) {
        Rectangle2D panel = layout.panel(row, column);
        assertThat(panel.getX()).isEqualTo(top.getX());
        assertThat(panel.getWidth()).isEqualTo(top.getWidth());
        Rectangle2D first = layout.panel(row, 0);
        assertThat(panel.getY()).isEqualTo(first.getY());
        assertThat(panel.getHeight()).isEqualTo(first.getHeight());
      }
    }
  }

  @Test
  void aTruthLineIsAtTheSamePixelInEveryPanelOfItsColumn() throws IOException {
    // the drawn picture, not the layout: the truth of centre is one vertical line down column 0
    CornerPlot plot =
        CornerPlot.of(result(TestGraphs.shared(2), 4000)).truths(Map.of("centre", 11.0));
    CornerLayout layout = plot.layout();
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(plot.png()));

    List<Integer> columns = new ArrayList<>();
    for (int row = 0; row < layout.count(); row++) {
      Rectangle2D panel = layout.panel(row, 0);
      int y = (int) (panel.getY() + 0.2 * panel.getHeight());
      columns.add(truthColumn(image, panel, y));
    }
    int expected =
        (int) Math.round(layout.panel(0, 0).getX() + layout.axis(0).position(11.0) * 200 - 0.5);
    assertThat(layout.panelSize()).isEqualTo(200.0);
    for (int x : columns) {
      assertThat(x).isIn(List.of(expected - 1, expected, expected + 1));
      assertThat(x).isEqualTo(columns.get(0));
    }
  }

  /** The x of the most orange pixel in a row of a panel. */
  private static int truthColumn(BufferedImage image, Rectangle2D panel, int y) {
    int best = -1;
    int bestScore = 0;
    for (int x = (int) panel.getX() + 2; x < panel.getMaxX() - 2; x++) {
      int rgb = image.getRGB(x, y);
      int red = (rgb >> 16) & 0xFF;
      int blue = rgb & 0xFF;
      int score = red - blue;
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    assertThat(bestScore).isGreaterThan(100);
    return best;
  }

  @Test
  void logPriorsGetLogAxesWithDecadeTicks() {
    CornerPlot plot = CornerPlot.of(result(TestGraphs.shared(1), 4000));
    CornerLayout layout = plot.layout();

    assertThat(plot.shownParameters())
        .containsExactly("dataset_0.centre", "dataset_0.normalization", "dataset_0.sigma")
        .inOrder();
    assertThat(plot.scaleOf("dataset_0.normalization")).isEqualTo(Scale.LOG);
    assertThat(plot.scaleOf("dataset_0.sigma")).isEqualTo(Scale.LINEAR);
    Axis axis = layout.axis(1);
    assertThat(axis.scale()).isEqualTo(Scale.LOG);
    // log-normal around 1e-2 spanning decades: the median sits mid-axis, not squeezed at one end
    assertThat(axis.position(1e-2)).isWithin(0.1).of(0.5);
    for (Axis.Tick tick : layout.xTicks(1)) {
      assertThat(tick.text()).isEqualTo("10");
      assertThat(tick.exponent()).isNotNull();
    }
    assertThat(layout.xTicks(1).size()).isAtLeast(2);
  }

  @Test
  void samplesAloneAreLinearUnlessAScaleIsChosen() {
    Samples samples = samplesOf(TestGraphs.shared(1).layout(), 2000);
    CornerPlot plot = CornerPlot.of(samples);

    assertThat(plot.scaleOf("dataset_0.normalization")).isEqualTo(Scale.LINEAR);
    CornerPlot log = plot.scale("dataset_0.normalization", Scale.LOG);
    assertThat(log.layout().axis(1).scale()).isEqualTo(Scale.LOG);
    assertThat(
            assertThrows(IllegalArgumentException.class, () -> plot.scale("centre", Scale.LOG))
                .getMessage())
        .contains("dataset_0.centre");
  }

  @Test
  void derivedQuantitiesJoinTheParametersInOneCornerPlot() {
    Samples samples = samplesOf(TestGraphs.shared(1).layout(), 500);
    double[][] fwhm = new double[samples.size()][1];
    double[] logLikelihoods = new double[samples.size()];
    double[] logPriors = new double[samples.size()];
    double[] weights = new double[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      fwhm[i][0] = 2.3548 * samples.vector(i)[2];
      logLikelihoods[i] = samples.logLikelihood(i);
      logPriors[i] = samples.logPrior(i);
      weights[i] = samples.weight(i);
    }
    Samples derived =
        Samples.of(java.util.List.of("dataset_0.fwhm"), fwhm, logLikelihoods, logPriors, weights);

    String svg = CornerPlot.of(samples.withColumnsOf(derived)).svg();

    assertThat(svg).contains(">dataset_0.fwhm = <");
    assertThat(svg).contains(">dataset_0.sigma = <");
  }

  @Test
  void aLogAxisOfNonPositiveSamplesIsAClearError() {
    Samples samples = samplesOf(TestGraphs.shared(1).layout(), 500);
    CornerPlot plot = CornerPlot.of(samples).scale("dataset_0.centre", Scale.LOG);
    samples =
        TestGraphs.samples(
            samples.names(),
            new double[] {-5, 0, 5},
            new double[] {1, 1, 1},
            new boolean[3],
            500,
            1);
    CornerPlot negative = CornerPlot.of(samples).scale("dataset_0.centre", Scale.LOG);

    assertThat(plot.width()).isGreaterThan(0);
    assertThat(assertThrows(IllegalArgumentException.class, negative::png).getMessage())
        .contains("Scale.LINEAR");
  }

  @Test
  void titlesGiveTheMedianAndOneSigmaErrors() {
    Result<CollectionInstance> result = result(TestGraphs.shared(1), 4000);
    Samples samples = result.samples();
    double median = samples.median()[2];
    double[][] sigma = samples.valuesAtSigma(1);
    Numbers.Estimate expected =
        Numbers.estimate(median, sigma[1][2] - median, median - sigma[0][2]);

    String svg = CornerPlot.of(result).svg();

    assertThat(svg).contains(">dataset_0.sigma = <");
    assertThat(svg).contains(">" + expected.value() + "<");
    assertThat(svg).contains(">+" + expected.plus() + "<");
    assertThat(svg).contains(">" + Numbers.MINUS + expected.minus() + "<");
    // about 20 +4 -4, rounded to two significant digits of the smaller error
    assertThat(Double.parseDouble(expected.value())).isWithin(0.3).of(20);
    assertThat(Numbers.estimate(49.83, 3.14, 2.91).plainText()).isEqualTo("49.8 +3.1 -2.9");
    assertThat(Numbers.estimate(0.0012, 0.00031, 0.00029).plainText())
        .isEqualTo("(1.20 +0.31 -0.29)e-3");
  }

  @Test
  void noTextOverlapsTextOrAPanel() {
    for (int n : new int[] {1, 3, 10}) {
      FactorGraph graph = n == 10 ? TestGraphs.hierarchical(10) : TestGraphs.shared(n);
      CornerPlot plot =
          CornerPlot.of(fitted(graph, 3000))
              .truths(Map.of(graph.layout().freeParameterPaths().get(0), 30.0));
      assertNoOverlaps(plot.layout());
    }
    Result<CollectionInstance> many = result(TestGraphs.hierarchical(10), 2000);
    assertNoOverlaps(
        CornerPlot.of(many).parameters(many.layout().freeParameterPaths().subList(0, 24)).layout());
  }

  private static void assertNoOverlaps(CornerLayout layout) {
    List<Rectangle2D> texts = layout.textBoxes();
    for (int i = 0; i < texts.size(); i++) {
      for (int j = i + 1; j < texts.size(); j++) {
        assertWithMessage("text %s overlaps text %s", texts.get(i), texts.get(j))
            .that(texts.get(i).intersects(texts.get(j)))
            .isFalse();
      }
      for (int row = 0; row < layout.count(); row++) {
        for (int column = 0; column <= row; column++) {
          assertWithMessage("text %s overlaps panel %s, %s", texts.get(i), row, column)
              .that(texts.get(i).intersects(layout.panel(row, column)))
              .isFalse();
        }
      }
      assertThat(texts.get(i).getMinX()).isAtLeast(0.0);
      assertThat(texts.get(i).getMaxX()).isAtMost((double) layout.width());
      assertThat(texts.get(i).getMaxY()).isAtMost((double) layout.height());
    }
  }

  @Test
  void oneParameterAndAConstantParameterStillDraw() throws IOException {
    Samples one =
        TestGraphs.samples(
            List.of("a"), new double[] {3}, new double[] {1}, new boolean[1], 500, 2);
    CornerPlot single = CornerPlot.of(one);
    assertNoOverlaps(single.layout());
    assertThat(ImageIO.read(new ByteArrayInputStream(single.png())).getWidth())
        .isEqualTo(single.width());

    Samples constant =
        TestGraphs.samples(
            List.of("a", "b"), new double[] {3, 7}, new double[] {1, 0}, new boolean[2], 500, 2);
    CornerPlot flat = CornerPlot.of(constant);
    assertNoOverlaps(flat.layout());
    assertThat(flat.layout().axis(1).position(7)).isWithin(1e-9).of(0.5);
    assertThat(flat.png().length).isGreaterThan(0);
  }

  @Test
  void aLargeGraphShowsItsGlobalParametersFirstAndSaysSoWithinABoundedSize() throws IOException {
    GraphResult result = fitted(TestGraphs.hierarchical(10), 3000);
    CornerPlot plot = CornerPlot.of(result);

    assertThat(result.global().layout().priorCount()).isEqualTo(32);
    assertThat(plot.shownParameters()).hasSize(CornerPlot.AUTOMATIC_LIMIT);
    assertThat(plot.shownParameters().subList(0, 3))
        .containsExactly("centres.mean", "centres.sigma", "dataset_0.centre")
        .inOrder();
    assertThat(plot.note().orElseThrow()).contains("8 of 32 parameters, the global ones first");
    assertThat(plot.svg()).contains("Showing 8 of 32 parameters");
    assertThat(plot.width()).isAtMost(1900);
    assertThat(plot.height()).isAtMost(1900);
    Path png = folder.resolve("corner.png");
    plot.writePng(png);
    assertThat(Files.size(png)).isLessThan(1_000_000L);
  }

  @Test
  void twentyFourChosenParametersStayUnderABoundAndMoreAreRefused() {
    Result<CollectionInstance> result = result(TestGraphs.hierarchical(10), 2000);
    List<String> paths = result.layout().freeParameterPaths();
    CornerPlot plot = CornerPlot.of(result).parameters(paths.subList(0, 24));

    assertThat(plot.note()).isEmpty();
    assertThat(plot.width()).isAtMost(1900);
    assertThat(plot.height()).isAtMost(1900);
    assertThat(plot.layout().panelSize()).isAtLeast(CornerLayout.SMALLEST_PANEL);
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> CornerPlot.of(result).parameters(paths.subList(0, 25)))
                .getMessage())
        .contains("at most 24");
  }

  @Test
  void sharedParametersAreNamedByTheirSharedNameAndChosenByEitherName() {
    CornerPlot plot = CornerPlot.of(result(TestGraphs.shared(3), 1000));

    assertThat(plot.shownParameters().get(0)).isEqualTo("centre");
    assertThat(plot.parameters("dataset_0.centre", "dataset_2.sigma").shownParameters())
        .containsExactly("centre", "dataset_2.sigma")
        .inOrder();
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> plot.parameters("sigma"));
    assertThat(unknown).hasMessageThat().contains("no parameter 'sigma'; did you mean one of");
    assertThat(unknown).hasMessageThat().contains("dataset_1.sigma");
    assertThrows(IllegalArgumentException.class, () -> plot.parameters("centre", "centre"));
    assertThrows(IllegalArgumentException.class, () -> plot.truths(Map.of("nope", 1.0)));
  }

  @Test
  void writesPngAndSvgOfTheSameSize() throws IOException {
    CornerPlot plot = CornerPlot.of(result(TestGraphs.shared(2), 1000)).title("joint fit");
    Path png = folder.resolve("corner.png");
    Path svg = folder.resolve("corner.svg");
    plot.writePng(png);
    plot.writeSvg(svg);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(plot.width());
    assertThat(image.getHeight()).isEqualTo(plot.height());
    String text = Files.readString(svg);
    assertThat(text).contains("viewBox='0.0 0.0 " + plot.width() + ".0 " + plot.height() + ".0'");
    assertThat(text).contains(">joint fit<");
    assertThat(plot.svg()).isEqualTo(text);
  }
}
