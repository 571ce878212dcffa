package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.graphfit.analysis.Dataset1D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class FitPlotTest {
  private static final int N = 100;

  private static double[] wavelengths() {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = 400 + 2.5 * i;
    }
    return x;
  }

  private static double[] model() {
    double[] model = new double[N];
    for (int i = 0; i < N; i++) {
      model[i] = Math.exp(-0.5 * Math.pow((i - 50) / 8.0, 2));
    }
    return model;
  }

  private static Dataset1D dataset() {
    double[] data = model();
    double[] noise = new double[N];
    for (int i = 0; i < N; i++) {
      data[i] += 0.05 * Math.sin(1.7 * i);
      noise[i] = 0.05;
    }
    return Dataset1D.of(data, noise);
  }

  private static JFreeChart drawn(FitPlot plot) {
    JFreeChart chart = plot.chart();
    BufferedImage image =
        new BufferedImage(plot.width(), plot.height(), BufferedImage.TYPE_INT_RGB);
    chart.draw(image.createGraphics(), new java.awt.geom.Rectangle2D.Double(0, 0, 900, 600));
    return chart;
  }

  @Test
  void theXAxisShowsTheGivenXValuesAndLabel() {
    FitPlot plot =
        FitPlot.of("fit", wavelengths(), dataset(), model()).labels("wavelength (nm)", "flux");
    JFreeChart chart = drawn(plot);

    CombinedDomainXYPlot combined = (CombinedDomainXYPlot) chart.getXYPlot();
    ValueAxis x = combined.getDomainAxis();
    assertThat(x.getLabel()).isEqualTo("wavelength (nm)");
    assertThat(x.getLowerBound()).isAtLeast(380.0); // the data's range with a margin, not 0
    assertThat(x.getLowerBound()).isAtMost(400.0);
    assertThat(x.getUpperBound()).isAtLeast(647.5);
    assertThat(x.getUpperBound()).isAtMost(670.0);
    XYPlot top = combined.getSubplots().get(0);
    assertThat(top.getRangeAxis().getLabel()).isEqualTo("flux");
    XYDataset data = top.getDataset(0);
    assertThat(data.getXValue(0, 0)).isEqualTo(400.0);
    assertThat(data.getXValue(0, N - 1)).isEqualTo(647.5);
    XYDataset residuals = combined.getSubplots().get(1).getDataset(0);
    assertThat(residuals.getYValue(0, 50)).isWithin(1e-9).of(Math.sin(1.7 * 50));
  }

  @Test
  void pixelIndicesAreTheXWhenNoneIsGiven() {
    Dataset1D dataset = dataset();
    FitPlot plot = FitPlot.of("fit", dataset.data(), dataset.noiseMap(), model());
    CombinedDomainXYPlot combined = (CombinedDomainXYPlot) drawn(plot).getXYPlot();

    assertThat(combined.getDomainAxis().getLabel()).isEqualTo("pixel");
    assertThat(combined.getSubplots().get(0).getDataset(0).getXValue(0, 7)).isEqualTo(7.0);
  }

  @Test
  void aBandIsShadedAroundTheModel() throws IOException {
    double[] model = model();
    double[] lower = new double[N];
    double[] upper = new double[N];
    for (int i = 0; i < N; i++) {
      lower[i] = model[i] - 0.1;
      upper[i] = model[i] + 0.1;
    }
    FitPlot plot = FitPlot.of("fit", wavelengths(), dataset(), model).band(lower, upper);
    XYPlot top = ((CombinedDomainXYPlot) drawn(plot).getXYPlot()).getSubplots().get(0);
    org.jfree.data.xy.IntervalXYDataset band =
        (org.jfree.data.xy.IntervalXYDataset) top.getDataset(1);

    assertThat(band.getStartYValue(0, 10)).isWithin(1e-12).of(lower[10]);
    assertThat(band.getEndYValue(0, 10)).isWithin(1e-12).of(upper[10]);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(plot.png()));
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(plot.svg()).contains(">x<");
  }

  @Test
  void badInputIsAClearError() {
    double[] x = wavelengths();
    Dataset1D dataset = dataset();
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> FitPlot.of("fit", new double[3], dataset, model()))
                .getMessage())
        .contains("x has 3 values but data has 100");
    x[5] = Double.NaN;
    double[] bad = x;
    assertThat(
            assertThrows(
                    IllegalArgumentException.class, () -> FitPlot.of("fit", bad, dataset, model()))
                .getMessage())
        .contains("x[5] is NaN");
    FitPlot plot = FitPlot.of("fit", wavelengths(), dataset, model());
    assertThrows(IllegalArgumentException.class, () -> plot.band(new double[2], new double[N]));
  }
}
