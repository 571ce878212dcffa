package org.graphfit.model;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

class ModelLayoutTest {

  @Test
  void componentDefaultsGiveOneFreeParameterPerPriorInDeclarationOrder() {
    ModelLayout<Gaussian> layout = GaussianModel.withDefaults().layout();

    assertThat(layout.priorCount()).isEqualTo(3);
    assertThat(layout.freeParameterPaths())
        .containsExactly("centre", "normalization", "sigma")
        .inOrder();
    assertThat(layout.instanceFromVector(new double[] {50, 2, 5}))
        .isEqualTo(new Gaussian(50, 2, 5));
  }

  @Test
  void vectorAndInstanceRoundTrip() {
    GaussianModel model = GaussianModel.withDefaults();
    double[] vector = {48.5, 0.7, 4.25};

    assertThat(model.vectorFromInstance(model.instanceFromVector(vector)))
        .usingExactEquality()
        .containsExactly(vector)
        .inOrder();
  }

  @Test
  void unitVectorIsMappedThroughEachPrior() {
    Gaussian instance =
        GaussianModel.withDefaults().instanceFromUnitVector(new double[] {0.5, 0.5, 0.2});

    assertThat(instance.centre()).isWithin(1e-12).of(50);
    assertThat(instance.normalization()).isWithin(1e-12).of(1.0);
    assertThat(instance.sigma()).isWithin(1e-12).of(5.0);
  }

  @Test
  void fixedParameterIsNotFree() {
    GaussianModel model = GaussianModel.withDefaults().sigma(5.0);

    assertThat(model.priorCount()).isEqualTo(2);
    assertThat(model.instanceFromVector(new double[] {40, 3})).isEqualTo(new Gaussian(40, 3, 5));
  }

  @Test
  void sharedPriorObjectIsOneFreeParameter() {
    Parameter centre = Parameter.free(Prior.gaussian(50, 30));
    ModelCollection collection = new ModelCollection();
    ModelKey<Gaussian> first =
        collection.add(
            "gaussian_0",
            GaussianModel.unset()
                .centre(centre)
                .normalization(Prior.uniform(0, 1))
                .sigma(Prior.uniform(0, 1)));
    ModelKey<Gaussian> second =
        collection.add(
            "gaussian_1",
            GaussianModel.unset()
                .centre(centre)
                .normalization(Prior.uniform(0, 1))
                .sigma(Prior.uniform(0, 1)));

    ModelLayout<CollectionInstance> layout = collection.layout();
    CollectionInstance instance = layout.instanceFromVector(new double[] {42, 0.1, 0.2, 0.3, 0.4});

    assertThat(layout.priorCount()).isEqualTo(5);
    assertThat(instance.get(first)).isEqualTo(new Gaussian(42, 0.1, 0.2));
    assertThat(instance.get(second)).isEqualTo(new Gaussian(42, 0.3, 0.4));
  }

  @Test
  void seedModelOfThreeGaussiansWithSharedCentreHasSevenFreeParameters() {
    ModelCollection collection = new ModelCollection();
    for (int i = 0; i < 3; i++) {
      collection.add("gaussian_" + i, GaussianModel.withDefaults());
    }
    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.priorCount()).isEqualTo(7);
    assertThat(layout.freeParameterPaths())
        .containsExactly(
            "gaussian_0.centre",
            "gaussian_0.normalization",
            "gaussian_0.sigma",
            "gaussian_1.normalization",
            "gaussian_1.sigma",
            "gaussian_2.normalization",
            "gaussian_2.sigma")
        .inOrder();
    CollectionInstance instance = layout.instanceFromVector(new double[] {50, 1, 2, 3, 4, 5, 6});
    assertThat(instance.get("gaussian_2")).isEqualTo(new Gaussian(50, 5, 6));
  }

  @Test
  void parametersAreFoundByIdentityThenBySharedKey() {
    Parameter first = Parameter.free(Prior.uniform(0, 1));
    Parameter twin = Parameter.free(Prior.uniform(0, 1)); // the same prior, another parameter
    ModelCollection collection = new ModelCollection();
    collection.add("gaussian_0", GaussianModel.withDefaults().normalization(first));
    collection.add("gaussian_1", GaussianModel.withDefaults().normalization(twin));
    ModelLayout<CollectionInstance> layout = collection.layout();
    Parameter sameKey = Parameter.sharedByKey("org.graphfit.testing.Gaussian.centre", null);

    assertThat(layout.indexOf(first)).isEqualTo(1);
    assertThat(layout.indexOf(twin)).isEqualTo(3);
    // a parameter the model does not hold is found through its key, at the key's first slot
    assertThat(layout.indexOf(sameKey)).isEqualTo(0);
    assertThat(layout.indexOf(Parameter.sharedByKey("other.key", null))).isEqualTo(-1);
    assertThat(layout.indexOf(Parameter.free(Prior.uniform(0, 1)))).isEqualTo(-1);
    assertThat(layout.indexOf(Parameter.fixed(5))).isEqualTo(-1);
  }

  @Test
  void freeParametersAreFoundByPathAndBySharedKey() {
    ModelCollection collection = new ModelCollection();
    Parameter fixedCentre = Parameter.sharedByKey("org.graphfit.testing.Gaussian.centre", null);
    collection.add("gaussian_0", GaussianModel.withDefaults().centre(20.0));
    collection.add("gaussian_1", GaussianModel.withDefaults());
    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.freeParameterPaths()).contains("gaussian_1.centre");
    assertThat(layout.indexOfPath("gaussian_1.centre"))
        .isEqualTo(layout.freeParameterPaths().indexOf("gaussian_1.centre"));
    assertThat(layout.indexOfPath("gaussian_1.sigma")).isEqualTo(4);
    assertThat(layout.indexOfPath("gaussian_0.centre")).isEqualTo(-1); // fixed
    assertThat(layout.indexOfPath("gaussian_2.centre")).isEqualTo(-1);
    assertThat(layout.indexOf(fixedCentre)).isEqualTo(layout.indexOfPath("gaussian_1.centre"));
  }

  @Test
  void overridingASharedParameterMakesItLocal() {
    ModelCollection collection = new ModelCollection();
    collection.add("gaussian_0", GaussianModel.withDefaults());
    collection.add("gaussian_1", GaussianModel.withDefaults().centre(Prior.uniform(0, 100)));

    assertThat(collection.priorCount()).isEqualTo(6);
  }

  @Test
  void sharedParametersWithConflictingPriorsAreRejected() {
    ModelCollection collection = new ModelCollection();
    collection.add("gaussian_0", GaussianModel.withDefaults());
    collection.add(
        "gaussian_1",
        GaussianModel.withDefaults()
            .centre(
                Parameter.sharedByKey(
                    "org.graphfit.testing.Gaussian.centre", Prior.uniform(0, 1))));

    IllegalStateException error = assertThrows(IllegalStateException.class, collection::layout);
    assertThat(error).hasMessageThat().contains("conflicting priors");
    assertThat(error).hasMessageThat().contains("gaussian_1.centre");
  }

  @Test
  void unsetParameterIsNamedInTheError() {
    GaussianModel model = GaussianModel.withDefaults();
    model.normalization(Prior.uniform(0, 1));
    GaussianModel incomplete = GaussianModel.unset().centre(1.0).normalization(Prior.uniform(0, 1));

    IllegalStateException error = assertThrows(IllegalStateException.class, incomplete::layout);
    assertThat(error).hasMessageThat().contains("[sigma]");
    assertThat(error).hasMessageThat().contains("neither a prior nor a fixed value");
  }

  @Test
  void vectorOfWrongLengthIsRejected() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> GaussianModel.withDefaults().instanceFromVector(new double[2]));
    assertThat(error).hasMessageThat().contains("expected 3 free-parameter values");
  }

  @Test
  void constraintsRejectPointsAndTruncateThePrior() {
    GaussianModel left = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    GaussianModel right = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    ModelCollection collection = new ModelCollection();
    collection.add("left", left);
    collection.add("right", right);
    collection.addConstraint(Constraint.lessThan(left.centre(), right.centre()));
    left.addConstraint(Constraint.greaterThan(left.sigma(), 5));
    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.satisfiesConstraints(new double[] {10, 1, 6, 20, 1, 1})).isTrue();
    assertThat(layout.satisfiesConstraints(new double[] {30, 1, 6, 20, 1, 1})).isFalse();
    assertThat(layout.satisfiesConstraints(new double[] {10, 1, 4, 20, 1, 1})).isFalse();
    assertThat(layout.logPrior(new double[] {30, 1, 6, 20, 1, 1})).isNegativeInfinity();
    assertThat(layout.info()).contains("left.centre < right.centre");
    assertThat(layout.info()).contains("left.sigma > 5.0");
    double[] draw = layout.randomVector(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
    assertThat(draw[0]).isLessThan(draw[3]);
    assertThat(draw[2]).isGreaterThan(5.0);
  }

  @Test
  void constraintOnAParameterOutsideTheModelIsRejected() {
    GaussianModel model = GaussianModel.withDefaults();
    model.addConstraint(Constraint.greaterThan(Parameter.free(Prior.uniform(0, 1)), 0.5));

    assertThat(assertThrows(IllegalStateException.class, model::layout))
        .hasMessageThat()
        .contains("not part of this model");
  }

  @Test
  void randomInstancesAreReproducibleForOneSeed() {
    GaussianModel model = GaussianModel.withDefaults();
    Gaussian first = model.randomInstance(RandomSource.XO_RO_SHI_RO_128_PP.create(11L));
    Gaussian second = model.randomInstance(RandomSource.XO_RO_SHI_RO_128_PP.create(11L));

    assertThat(first).isEqualTo(second);
    assertThat(first.sigma()).isIn(com.google.common.collect.Range.closed(0.0, 25.0));
  }

  @Test
  void infoListsCountTreeAndOneLinePerPrior() {
    ModelCollection collection = new ModelCollection();
    for (int i = 0; i < 2; i++) {
      collection.add("gaussian_" + i, GaussianModel.withDefaults());
    }
    String info = collection.info();

    assertThat(info).startsWith("Total Free Parameters = 5\n");
    assertThat(info).contains("model                                   Collection (N=5)");
    assertThat(info).contains("    gaussian_1                          Gaussian (N=3)");
    assertThat(info)
        .contains(
            "gaussian_0.normalization                LogUniformPrior [1], lower_limit = 1.0E-6, "
                + "upper_limit = 1000000.0");
    assertThat(info)
        .contains(
            "gaussian_1.centre                       GaussianPrior [0], mean = 50.0, sigma = 30.0 "
                + "(shared with gaussian_0.centre)");
  }

  @Test
  void duplicateOrMalformedNamesAreRejected() {
    ModelCollection collection = new ModelCollection();
    collection.add("a", GaussianModel.withDefaults());
    assertThrows(
        IllegalArgumentException.class, () -> collection.add("a", GaussianModel.withDefaults()));
    assertThrows(
        IllegalArgumentException.class,
        () -> collection.add("1 bad", GaussianModel.withDefaults()));
  }

  @Test
  void keyOfAnotherCollectionIsRejected() {
    ModelCollection one = new ModelCollection();
    ModelKey<Gaussian> key = one.add("g", GaussianModel.withDefaults());
    ModelCollection other = new ModelCollection();
    other.add("g", GaussianModel.withDefaults());
    CollectionInstance instance = other.instanceFromVector(new double[] {1, 1, 1});

    assertThrows(IllegalArgumentException.class, () -> instance.get(key));
  }
}
