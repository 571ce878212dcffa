package org.graphfit.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelKey;
import org.junit.jupiter.api.Test;

/** The seed's model, composed from the generated {@code GaussianModel}. */
class SeedModelTest {

  @Test
  void threeGaussiansWithTheSharedCentreHaveSevenFreeParametersAndMapToTypedInstances() {
    ModelCollection model = new ModelCollection();
    List<ModelKey<Gaussian>> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(model.add("gaussian_" + i, GaussianModel.withDefaults()));
    }

    assertThat(model.info()).startsWith("Total Free Parameters = 7\n");
    assertThat(model.info())
        .contains(
            "gaussian_0.centre                       GaussianPrior [0], mean = 50.0, sigma = 30.0");
    assertThat(model.info())
        .contains(
            "gaussian_2.normalization                LogUniformPrior [5], lower_limit = 1.0E-6, "
                + "upper_limit = 1000000.0");
    assertThat(model.info())
        .contains(
            "gaussian_2.sigma                        UniformPrior [6], lower_limit = 0.0,"
                + " upper_limit = 25.0");
    CollectionInstance instance =
        model.instanceFromVector(new double[] {50, 0.5, 5, 0.6, 4, 0.4, 6});
    assertThat(instance.get(keys.get(0))).isEqualTo(new Gaussian(50, 0.5, 5));
    assertThat(instance.get(keys.get(1))).isEqualTo(new Gaussian(50, 0.6, 4));
    assertThat(instance.get(keys.get(2))).isEqualTo(new Gaussian(50, 0.4, 6));
  }

  @Test
  void nestedComponentsMapThroughTheirTypedNestedModels() {
    GaussianPlusExponentialModel model = GaussianPlusExponentialModel.withDefaults();
    model.gaussian().sigma(4.0);

    assertThat(model.priorCount()).isEqualTo(5);
    GaussianPlusExponential instance =
        model.instanceFromVector(new double[] {50, 0.6, 70, 1.0, 0.3});
    assertThat(instance)
        .isEqualTo(
            new GaussianPlusExponential(new Gaussian(50, 0.6, 4), new Exponential(70, 1.0, 0.3)));
    assertThat(instance.profile(70))
        .isWithin(1e-12)
        .of(new Gaussian(50, 0.6, 4).profile(70) + 0.15);
  }
}
