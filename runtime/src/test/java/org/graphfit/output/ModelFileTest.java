package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterArray;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.prior.Prior;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  private static String json(ModelLayout<?> layout) {
    return OutputFolder.toJson(layout.description());
  }

  @Test
  void everyPriorTypeFixedValueAndInfiniteBoundReadsBack() {
    for (Prior prior :
        new Prior[] {
          Prior.uniform(-2, 3),
          Prior.logUniform(1e-3, 10),
          Prior.gaussian(1, 2),
          Prior.logGaussian(0.1, 0.3),
          Prior.truncatedGaussian(1, 2, 0, Double.POSITIVE_INFINITY),
          Prior.halfNormal(1.5),
          Prior.halfCauchy(0.25),
          LatentGaussianPrior.of(Prior.truncatedGaussian(0, 1, -1, 4), 0.2, 0.7)
        }) {
      GaussianModel model = GaussianModel.unset().centre(prior).normalization(2.5).sigma(prior);
      ModelFile file = ModelFile.parse(json(model.layout()), "model.json");

      GaussianModel read = file.applyTo(GaussianModel.unset());

      assertThat(read.layout().prior(0)).isEqualTo(prior);
      assertThat(read.layout().prior(1)).isEqualTo(prior);
      assertThat(read.layout().fixedValues()).containsExactly("normalization", 2.5);
      assertThat(read.centre()).isNotSameInstanceAs(read.sigma());
    }
  }

  @Test
  void sharingAndRelationLeavesReadBack() {
    Parameter shared = Parameter.free(Prior.uniform(0, 10));
    Parameter m = Parameter.free("m", Prior.halfNormal(2));
    GaussianModel model = GaussianModel.unset().centre(shared).normalization(shared);
    model.sigma(m.times(3).plus(1));
    ModelFile file = ModelFile.parse(json(model.layout()), "model.json");

    Parameter otherM = Parameter.free("m", Prior.uniform(0, 1));
    GaussianModel read = file.applyTo(GaussianModel.unset().sigma(otherM.times(3).plus(1)));

    assertThat(read.centre()).isSameInstanceAs(read.normalization());
    assertThat(read.layout().priorCount()).isEqualTo(2);
    assertThat(read.layout().prior(1)).isEqualTo(Prior.halfNormal(2));
    assertThat(read.layout().instanceFromVector(new double[] {4, 0.5}))
        .isEqualTo(new Gaussian(4, 4, 2.5));
  }

  @Test
  void aFitFoldersModelJsonGivesTheModelOfThatFit(@TempDir Path root) throws IOException {
    GaussianModel model =
        GaussianModel.unset()
            .centre(Prior.gaussian(10, 3))
            .normalization(1.0)
            .sigma(Prior.halfCauchy(2));
    NestedSampling search = NestedSampling.builder().nLive(30).seed(1).output(root, "file").build();
    Result<Gaussian> first = search.fit(model, g -> -0.5 * (g.centre() - 9) * (g.centre() - 9));
    Path json;
    try (Stream<Path> files = Files.walk(root)) {
      json = files.filter(path -> path.endsWith("model.json")).findFirst().orElseThrow();
    }

    GaussianModel read = ModelFile.read(json).applyTo(GaussianModel.unset());
    Result<Gaussian> again = search.fit(read, g -> -0.5 * (g.centre() - 9) * (g.centre() - 9));

    // the same model: the same fit identifier, so the stored fit is loaded
    assertThat(search.outputPath(read.layout(), g -> 0.0).orElseThrow())
        .isEqualTo(search.outputPath(model.layout(), g -> 0.0).orElseThrow());
    assertThat(again.samples()).isEqualTo(first.samples());
  }

  @Test
  void aTemplateOfAnotherTypeOrShapeIsRefusedWithTheDifference() {
    ParameterArray three = ParameterArray.of(3, i -> Parameter.free(Prior.uniform(0, 1)));
    ModelFile file = ModelFile.parse(json(three.layout()), "model.json");

    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> file.mapping(ParameterArray.of(2, i -> Parameter.unset())));
    assertThat(shape).hasMessageThat().contains("only in the file: [2]");
    IllegalArgumentException type =
        assertThrows(IllegalArgumentException.class, () -> file.mapping(GaussianModel.unset()));
    assertThat(type).hasMessageThat().contains("describes a Array model but the template is a");
    IllegalArgumentException notModel =
        assertThrows(IllegalArgumentException.class, () -> ModelFile.parse("{}", "x.json"));
    assertThat(notModel).hasMessageThat().contains("is not a model description");
  }

  @Test
  void aTemplateWithoutTheFilesRelationIsRefused() {
    Parameter m = Parameter.free("m", Prior.uniform(0, 1));
    GaussianModel model = GaussianModel.withDefaults().sigma(m.times(2));
    ModelFile file = ModelFile.parse(json(model.layout()), "model.json");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> file.applyTo(GaussianModel.unset()));
    assertThat(error).hasMessageThat().contains("only in the template: [sigma]");
  }
}
