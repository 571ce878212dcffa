package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.Test;

class FactorGraphPictureTest {
  /**
   * The layout is readable: nodes keep apart, each label inside its node, every edge runs from the
   * bottom of a node to the top of one in the next row and passes through no other node.
   */
  private static void assertReadable(GraphLayout layout) {
    List<GraphLayout.Node> nodes = layout.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      GraphLayout.Node node = nodes.get(i);
      Rectangle2D bounds = node.bounds();
      Rectangle2D label = node.labelBox();
      assertThat(bounds.contains(label)).isTrue();
      assertThat(bounds.getMinX()).isAtLeast(0.0);
      assertThat(bounds.getMaxX()).isAtMost((double) layout.width());
      for (int j = i + 1; j < nodes.size(); j++) {
        Rectangle2D other = nodes.get(j).bounds();
        Rectangle2D apart =
            new Rectangle2D.Double(
                other.getX() - 4, other.getY() - 4, other.getWidth() + 8, other.getHeight() + 8);
        assertThat(bounds.intersects(apart)).isFalse();
      }
    }
    for (GraphLayout.Edge edge : layout.edges()) {
      GraphLayout.Node upper = nodes.get(edge.upper());
      GraphLayout.Node lower = nodes.get(edge.lower());
      assertThat(lower.row()).isEqualTo(upper.row() + 1);
      assertThat(edge.start().getY()).isEqualTo(upper.bounds().getMaxY());
      assertThat(edge.end().getY()).isEqualTo(lower.bounds().getMinY());
      Line2D line = new Line2D.Double(edge.start(), edge.end());
      for (int n = 0; n < nodes.size(); n++) {
        if (n != edge.upper() && n != edge.lower()) {
          assertThat(line.intersects(nodes.get(n).bounds())).isFalse();
        }
      }
    }
    for (int line = 0; line < layout.legend().size(); line++) {
      Rectangle2D box = layout.legendBox(line);
      assertThat(box.getMaxX()).isAtMost((double) layout.width());
      assertThat(box.getMaxY()).isAtMost((double) layout.height());
      for (GraphLayout.Node node : nodes) {
        assertThat(box.intersects(node.bounds())).isFalse();
      }
      for (GraphLayout.Plate plate : layout.plates()) {
        assertThat(box.intersects(plate.bounds())).isFalse();
      }
    }
    for (GraphLayout.Plate plate : layout.plates()) {
      assertThat(plate.bounds().contains(plate.captionBox())).isTrue();
      for (GraphLayout.Node node : nodes) {
        assertThat(plate.captionBox().intersects(node.bounds())).isFalse();
      }
    }
  }

  private static GraphLayout.Node only(GraphLayout layout, GraphLayout.Kind kind) {
    List<GraphLayout.Node> found =
        layout.nodes().stream().filter(node -> node.kind() == kind).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void aSharedVariableIsNamedByItsSharedNameAboveTheFactorsItLinks() {
    GraphLayout layout = FactorGraphPicture.of(TestGraphs.shared(3)).layout();

    assertReadable(layout);
    GraphLayout.Node centre = only(layout, GraphLayout.Kind.SHARED);
    assertThat(centre.title()).isEqualTo("centre");
    assertThat(centre.subtitle()).isNull();
    assertThat(layout.nodes().stream().filter(n -> n.kind() == GraphLayout.Kind.FACTOR).count())
        .isEqualTo(3);
    assertThat(layout.edges()).hasSize(9);
    assertThat(layout.plates()).isEmpty();
  }

  @Test
  void heterogeneousLabelsDoNotOverlap() {
    GraphLayout layout = FactorGraphPicture.of(TestGraphs.heterogeneous()).layout();

    assertReadable(layout);
    assertThat(only(layout, GraphLayout.Kind.SHARED).title()).isEqualTo("centre");
    List<String> locals =
        layout.nodes().stream()
            .filter(node -> node.kind() == GraphLayout.Kind.LOCAL)
            .map(
                node ->
                    node.subtitle() == null ? node.title() : node.subtitle() + "." + node.title())
            .toList();
    assertThat(locals)
        .containsExactly(
            "normalization",
            "sigma",
            "gaussian.normalization",
            "gaussian.sigma",
            "exponential.centre",
            "exponential.normalization",
            "exponential.rate");
  }

  @Test
  void theParentSitsOnItsOwnRowCentredOverTheVariablesItDraws() {
    GraphLayout layout = FactorGraphPicture.of(TestGraphs.hierarchical(3)).layout();

    assertReadable(layout);
    GraphLayout.Node parent = only(layout, GraphLayout.Kind.PARENT);
    List<GraphLayout.Node> drawn =
        layout.nodes().stream().filter(node -> node.kind() == GraphLayout.Kind.DRAWN).toList();
    List<GraphLayout.Node> hypers =
        layout.nodes().stream().filter(node -> node.kind() == GraphLayout.Kind.HYPER).toList();
    assertThat(drawn).hasSize(3);
    assertThat(hypers).hasSize(2);
    double mean =
        drawn.stream().mapToDouble(node -> node.bounds().getCenterX()).average().orElse(0);
    assertThat(parent.bounds().getCenterX()).isWithin(1.0).of(mean);
    for (GraphLayout.Node node : hypers) {
      assertThat(node.row()).isEqualTo(parent.row() - 1);
    }
    for (GraphLayout.Node node : drawn) {
      assertThat(node.row()).isEqualTo(parent.row() + 1);
    }
    assertThat(layout.plates()).isEmpty();
  }

  @Test
  void manyAlikeFactorsAreOnePlateWithTheirCount() {
    for (int n : new int[] {10, 100, 1000}) {
      FactorGraphPicture picture = FactorGraphPicture.of(TestGraphs.hierarchical(n));
      GraphLayout layout = picture.layout();

      assertReadable(layout);
      assertThat(layout.plates()).hasSize(1);
      GraphLayout.Plate plate = layout.plates().get(0);
      assertThat(plate.members()).isEqualTo(n);
      assertThat(plate.caption()).isEqualTo("N = " + n + ": dataset_0 \u2026 dataset_" + (n - 1));
      assertThat(only(layout, GraphLayout.Kind.FACTOR).title()).isEqualTo("dataset_i");
      assertThat(only(layout, GraphLayout.Kind.DRAWN).bounds().intersects(plate.bounds())).isTrue();
      assertThat(only(layout, GraphLayout.Kind.PARENT).bounds().intersects(plate.bounds()))
          .isFalse();
      assertThat(picture.width()).isLessThan(600);
      assertThat(picture.height()).isLessThan(700);
    }
  }

  @Test
  void platesCanBeTurnedOffUpToTheColumnLimit() {
    GraphLayout every = FactorGraphPicture.of(TestGraphs.hierarchical(10)).plates(100).layout();

    assertReadable(every);
    assertThat(every.plates()).isEmpty();
    assertThat(every.nodes().stream().filter(n -> n.kind() == GraphLayout.Kind.FACTOR).count())
        .isEqualTo(10);
    GraphLayout capped =
        FactorGraphPicture.of(TestGraphs.hierarchical(60)).plates(Integer.MAX_VALUE).layout();
    assertThat(capped.plates()).hasSize(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> FactorGraphPicture.of(TestGraphs.hierarchical(3)).plates(0));
  }

  @Test
  void factorsLinkingDifferentSharedVariablesAreNotMergedButStillFit() {
    // a chain: factor i shares one variable with factor i - 1 and one with factor i + 1
    FactorGraph chain = new FactorGraph();
    Parameter previous = Parameter.free(Prior.uniform(0, 1));
    for (int i = 0; i < 80; i++) {
      Parameter next = Parameter.free(Prior.uniform(0, 1));
      chain.add(
          AnalysisFactor.of(
                  new TestGraphs.TestModel("Link")
                      .parameter("left", previous)
                      .parameter("right", next),
                  TestGraphs.FLAT)
              .named("link_" + i));
      previous = next;
    }
    GraphLayout layout = FactorGraphPicture.of(chain).layout();

    // 80 distinct factors are more columns than fit: they are grouped by type into one plate, and
    // the 79 shared variables, all linking that plate, into one node
    assertReadable(layout);
    assertThat(layout.plates()).hasSize(1);
    assertThat(layout.plates().get(0).members()).isEqualTo(80);
    GraphLayout.Node shared = only(layout, GraphLayout.Kind.SHARED);
    assertThat(shared.subtitle()).isEqualTo("79 shared variables");
    assertThat(layout.width()).isLessThan(600);
  }

  @Test
  void twoParentsAndASharedVariableStayReadable() {
    // each dataset: a centre drawn from one parent, a sigma drawn from another, a shared offset
    for (int n : new int[] {3, 50}) {
      FactorGraph graph = new FactorGraph();
      HierarchicalFactor centres =
          HierarchicalFactor.gaussian(Prior.uniform(0, 100), Prior.uniform(0.5, 50))
              .named("centres");
      HierarchicalFactor sigmas =
          HierarchicalFactor.gaussian(Prior.uniform(0, 25), Prior.uniform(0.1, 10)).named("sigmas");
      Parameter offset = Parameter.free(Prior.uniform(-1, 1));
      for (int i = 0; i < n; i++) {
        TestGraphs.TestModel model =
            TestGraphs.gaussian(Parameter.free(Prior.uniform(0, 100))).parameter("offset", offset);
        graph.add(AnalysisFactor.of(model, TestGraphs.FLAT).named("dataset_" + i));
        centres.draw(model.get("centre"));
        sigmas.draw(model.get("sigma"));
      }
      graph.add(centres);
      graph.add(sigmas);
      GraphLayout layout = FactorGraphPicture.of(graph).layout();

      assertReadable(layout);
      assertThat(layout.nodes().stream().filter(x -> x.kind() == GraphLayout.Kind.PARENT).count())
          .isEqualTo(2);
      assertThat(only(layout, GraphLayout.Kind.SHARED).title()).isEqualTo("offset");
      assertThat(layout.plates()).hasSize(n > FactorGraphPicture.DEFAULT_PLATE_ABOVE ? 1 : 0);
    }
  }

  @Test
  void pngAndSvgShowTheColoursAndLabels() throws IOException {
    FactorGraphPicture picture = FactorGraphPicture.of(TestGraphs.hierarchical(3));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.png()));

    assertThat(image.getWidth()).isEqualTo(picture.width());
    assertThat(countPixels(image, 0xF6C85F)).isGreaterThan(2 * 500L); // two gold hyper-parameters
    assertThat(countPixels(image, 0xDBE9F6)).isGreaterThan(3 * 1000L); // three blue factors
    assertThat(countPixels(image, 0xE8D5F2)).isGreaterThan(1000L); // one violet parent
    String svg = picture.svg();
    assertThat(svg).contains(">dataset_2<");
    assertThat(svg).contains(">centres<");
    assertThat(svg).contains(">mean<");
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
}
