package org.graphfit.graph;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/** The log-Gaussian and truncated Gaussian parents: densities, joint likelihood, misuse. */
class ParentDistributionsTest {
  /** The integral of a family's density over [lower, upper] by the midpoint rule on a log grid. */
  private static double mass(
      ParentDistribution family, double[] hyper, double lower, double upper, boolean logGrid) {
    int n = 400_000;
    double a = logGrid ? Math.log(lower) : lower;
    double b = logGrid ? Math.log(upper) : upper;
    double step = (b - a) / n;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      double t = a + (k + 0.5) * step;
      double x = logGrid ? Math.exp(t) : t;
      sum += Math.exp(family.logDensity(x, hyper)) * (logGrid ? x : 1) * step;
    }
    return sum;
  }

  @Test
  void logGaussianDensityIsTheLogNormal() {
    double[] hyper = {0.5, 0.7};
    // log N(log 2; 0.5, 0.7) - log 2
    double z = (Math.log(2) - 0.5) / 0.7;
    assertThat(LogGaussianParent.INSTANCE.logDensity(2, hyper))
        .isWithin(1e-12)
        .of(-0.5 * z * z - Math.log(0.7) - 0.5 * Math.log(2 * Math.PI) - Math.log(2));
    assertThat(mass(LogGaussianParent.INSTANCE, hyper, 1e-6, 1e4, true)).isWithin(1e-6).of(1);
    assertThat(LogGaussianParent.INSTANCE.logDensity(-1, hyper)).isNegativeInfinity();
    assertThat(LogGaussianParent.INSTANCE.logDensity(0, hyper)).isNegativeInfinity();
  }

  @Test
  void truncatedDensityIsNormalizedForEveryMeanAndSigma() {
    TruncatedGaussianParent family = TruncatedGaussianParent.of(0, 1);
    // inside, across a bound, far outside (the normalization in the normal's far tail)
    double[][] hypers = {{0.5, 0.2}, {0.9, 0.3}, {-0.4, 0.5}, {3, 0.1}, {-40, 1}, {0.5, 30}};
    for (double[] hyper : hypers) {
      assertThat(mass(family, hyper, 0, 1, false)).isWithin(1e-6).of(1);
    }
    assertThat(family.logDensity(-0.01, new double[] {0.5, 0.2})).isNegativeInfinity();
    assertThat(family.logDensity(1.01, new double[] {0.5, 0.2})).isNegativeInfinity();
    // one-sided bounds
    assertThat(
            mass(TruncatedGaussianParent.of(0, Double.POSITIVE_INFINITY), hypers[2], 0, 20, false))
        .isWithin(1e-6)
        .of(1);
  }

  @Test
  void truncatedNormalizationIsAccurateFarIntoTheTail() {
    // log(Φ(b) - Φ(a)) for a < b < -38, where Φ underflows: the asymptotic series
    double a = -60;
    double b = -50;
    double exact = -0.5 * b * b - 0.5 * Math.log(2 * Math.PI) - Math.log(-b);
    exact += Math.log1p(-1 / (b * b) + 3 / Math.pow(b, 4) - 15 / Math.pow(b, 6));
    assertThat(TruncatedGaussianParent.logMass(a, b)).isWithin(1e-9).of(exact);
    assertThat(TruncatedGaussianParent.logMass(50, 60)).isWithin(1e-9).of(exact);
    assertThat(TruncatedGaussianParent.logMass(-1, 1))
        .isWithin(1e-12)
        .of(Math.log(0.6826894921370859));
  }

  @Test
  void aMassThatUnderflowsGivesZeroDensityNeverInfinite() {
    TruncatedGaussianParent family = TruncatedGaussianParent.of(0, 1);
    // (0 - 1e20) / 1 and (1 - 1e20) / 1 are one number: no mass between them in double precision
    assertThat(family.logDensity(0.5, new double[] {1e20, 1})).isNegativeInfinity();
    double[] values = {0.1, 0.5, 0.9};
    double[] hyper = {0.9, 0.3};
    double[] many = new double[3];
    family.logDensities(values, hyper, many);
    for (int i = 0; i < values.length; i++) {
      assertThat(many[i]).isEqualTo(family.logDensity(values[i], hyper));
    }
  }

  @Test
  void jointLikelihoodAddsTheTruncatedDensityWithItsNormalization() {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor fractions =
        HierarchicalFactor.truncatedGaussian(Prior.uniform(-1, 2), Prior.uniform(0.1, 2), 0, 1)
            .named("fractions");
    for (int i = 0; i < 2; i++) {
      GaussianModel model =
          GaussianModel.withDefaults().centre(Prior.uniform(0, 1)).sigma(1.0).normalization(1.0);
      graph.add(AnalysisFactor.of(model, gaussian -> 0.0));
      fractions.draw(model.centre());
    }
    graph.add(fractions);
    ModelLayout<CollectionInstance> layout = graph.layout();
    double[] vector = {0.8, 0.9, 0.7, 0.3};
    // N(x; 0.7, 0.3) / (Φ(1) - Φ(-7/3)) for x = 0.8, 0.9
    double normalizer = Math.log(0.8413447460685429 - 0.009815328628645);
    double expected = 0;
    for (double x : new double[] {0.8, 0.9}) {
      double z = (x - 0.7) / 0.3;
      expected += -0.5 * z * z - Math.log(0.3) - 0.5 * Math.log(2 * Math.PI) - normalizer;
    }

    assertThat(graph.analysis().logLikelihood(layout.instanceFromVector(vector)))
        .isWithin(1e-9)
        .of(expected);
    assertThat(graph.info())
        .contains("fractions                    TruncatedGaussianParent[0.0, 1.0] drawing 2");
  }

  @Test
  void theFamilyIsPartOfTheJointFitsIdentity() {
    String[] identities = new String[3];
    HierarchicalFactor[] parents = {
      HierarchicalFactor.gaussian(Prior.uniform(-1, 2), Prior.uniform(0.1, 2)),
      HierarchicalFactor.truncatedGaussian(Prior.uniform(-1, 2), Prior.uniform(0.1, 2), 0, 1),
      HierarchicalFactor.truncatedGaussian(Prior.uniform(-1, 2), Prior.uniform(0.1, 2), 0, 2)
    };
    for (int p = 0; p < parents.length; p++) {
      FactorGraph graph = new FactorGraph();
      GaussianModel model =
          GaussianModel.withDefaults().centre(Prior.uniform(0, 1)).sigma(1.0).normalization(1.0);
      graph.add(AnalysisFactor.of(model, gaussian -> 0.0).named("d"));
      graph.add(parents[p].draw(model.centre()));
      identities[p] = graph.analysis().dataIdentity().orElseThrow().digest();
    }
    assertThat(identities[1]).isNotEqualTo(identities[0]);
    assertThat(identities[2]).isNotEqualTo(identities[1]);
  }

  @Test
  void aLogGaussianParentRefusesAParameterWhosePriorAllowsNegativeValues() {
    HierarchicalFactor widths =
        HierarchicalFactor.logGaussian(Prior.gaussian(0, 2), Prior.logUniform(0.05, 3));
    GaussianModel model = GaussianModel.withDefaults().sigma(Prior.uniform(-1, 10));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> widths.draw(model.sigma()));
    assertThat(e)
        .hasMessageThat()
        .contains("(LogGaussianParent) draws values in [0.0, Infinity] only, but its prior");
    assertThat(e).hasMessageThat().contains("Prior.logUniform(0.01, 100)");
    widths.draw(GaussianModel.withDefaults().sigma(Prior.logUniform(0.1, 10)).sigma());
  }

  @Test
  void aTruncatedParentRefusesPriorsAndFixedValuesOutsideItsBounds() {
    HierarchicalFactor fractions =
        HierarchicalFactor.truncatedGaussian(Prior.uniform(-1, 2), Prior.uniform(0.1, 2), 0, 1);
    GaussianModel wide = GaussianModel.withDefaults().centre(Prior.gaussian(0.5, 1));
    GaussianModel fixed = GaussianModel.withDefaults().centre(1.5);

    IllegalArgumentException prior =
        assertThrows(IllegalArgumentException.class, () -> fractions.draw(wide.centre()));
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> fractions.draw(fixed.centre()));
    assertThat(prior).hasMessageThat().contains("e.g. Prior.uniform(0.0, 1.0)");
    assertThat(value).hasMessageThat().contains("the fixed value 1.5 reaches outside");
  }

  @Test
  void aScalePriorAllowingNegativeValuesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HierarchicalFactor.logGaussian(Prior.gaussian(0, 1), Prior.gaussian(1, 1)));
    assertThat(e).hasMessageThat().contains("the prior of sigma");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            HierarchicalFactor.truncatedGaussian(
                Prior.gaussian(0, 1), Prior.uniform(0.1, 1), 1, 0));
  }
}
