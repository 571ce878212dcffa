package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ComponentModel;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {
  @TempDir Path folder;

  /** A two-parameter model: a shared offset and a local slope. */
  static final class LineModel extends ComponentModel<double[]> {
    private final Parameter offset;
    private final Parameter slope = Parameter.free(Prior.uniform(-1, 1));

    LineModel(Parameter offset) {
      this.offset = offset;
    }

    @Override
    public String typeName() {
      return "Line";
    }

    @Override
    public void visitChildren(ModelVisitor visitor) {
      visitor.parameter("offset", offset);
      visitor.parameter("slope", slope);
    }

    @Override
    public int slotCount() {
      return 2;
    }

    @Override
    public double[] instanceFromSlots(double[] slots, int offset) {
      return new double[] {slots[offset], slots[offset + 1]};
    }

    @Override
    public void slotsFromInstance(double[] instance, double[] slots, int offset) {
      System.arraycopy(instance, 0, slots, offset, 2);
    }
  }

  private static long countPixels(BufferedImage image, int rgb) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void factorGraphPictureShowsSharedVariablesInGoldAsPngAndSvg() throws IOException {
    FactorGraph graph = new FactorGraph();
    Parameter offset = Parameter.free(Prior.uniform(0, 1));
    Analysis<double[]> flat = line -> 0;
    HierarchicalFactor slopes =
        HierarchicalFactor.gaussian(Prior.gaussian(0, 1), Prior.uniform(0.1, 1));
    for (int i = 0; i < 3; i++) {
      LineModel model = new LineModel(offset);
      graph.add(AnalysisFactor.of(model, flat).named("dataset_" + i));
      slopes.draw(model.slope);
    }
    graph.add(slopes);
    FactorGraphPicture picture = FactorGraphPicture.of(graph);
    Path png = folder.resolve("graph.png");
    Path svg = folder.resolve("graph.svg");
    picture.writePng(png);
    picture.writeSvg(svg);

    BufferedImage image = ImageIO.read(png.toFile());
    // three global variables (the offset, the parent mean and sigma) filled in gold
    assertThat(countPixels(image, 0xF6C85F)).isGreaterThan(3 * 400L);
    // four factor squares, three blue and one violet
    assertThat(countPixels(image, 0xDBE9F6)).isGreaterThan(3 * 700L);
    assertThat(countPixels(image, 0xE8D5F2)).isGreaterThan(700L);
    String text = Files.readString(svg);
    assertThat(text).contains("<svg");
    assertThat(text).contains("dataset_2");
    assertThat(text).contains("hierarchy.mean");
  }

  @Test
  void fitPlotDrawsDataModelAndResiduals() throws IOException {
    double[] data = new double[50];
    double[] noise = new double[50];
    double[] model = new double[50];
    for (int i = 0; i < 50; i++) {
      model[i] = Math.exp(-0.5 * (i - 25) * (i - 25) / 25.0);
      data[i] = model[i] + (i % 3 - 1) * 0.05;
      noise[i] = 0.05;
    }
    Path png = folder.resolve("fit.png");
    FitPlot.of("dataset_0", data, noise, model).writePng(png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(countPixels(image, 0xD62728)).isGreaterThan(200L);
  }

  @Test
  void cornerPlotHasOnePanelPerPair() throws IOException {
    int n = 2_000;
    double[][] vectors = new double[n][];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      double a = Math.sin(i * 0.37);
      vectors[i] = new double[] {a, a + 0.3 * Math.cos(i * 1.3), Math.cos(i * 0.11)};
      weights[i] = 1;
    }
    Samples samples =
        Samples.of(List.of("a", "b", "c"), vectors, new double[n], new double[n], weights);
    Path png = folder.resolve("corner.png");
    CornerPlot.of(samples).writePng(png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(3 * 190 + 60);
    assertThat(countPixels(image, 0x1F77B4)).isGreaterThan(3 * 500L);
  }
}
