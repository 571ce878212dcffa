package org.graphfit.prior;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PriorTest {
  private static final double[] UNITS = {
    1e-9, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 - 1e-6
  };

  /** Each prior beside the Commons Statistics distribution it must agree with (the reference). */
  static Stream<Arguments> priorsWithReferences() {
    return Stream.of(
        Arguments.of(Prior.uniform(0, 25), UniformContinuousDistribution.of(0, 25)),
        Arguments.of(Prior.gaussian(50, 30), NormalDistribution.of(50, 30)),
        Arguments.of(Prior.logGaussian(0.5, 1.2), LogNormalDistribution.of(0.5, 1.2)),
        Arguments.of(
            Prior.truncatedGaussian(50, 10, 0, 100),
            TruncatedNormalDistribution.of(50, 10, 0, 100)),
        Arguments.of(
            Prior.truncatedGaussian(1, 2, 0, Double.POSITIVE_INFINITY),
            TruncatedNormalDistribution.of(1, 2, 0, Double.POSITIVE_INFINITY)));
  }

  static Stream<Prior> allPriors() {
    return Stream.concat(
        priorsWithReferences().map(arguments -> (Prior) arguments.get()[0]),
        Stream.of(
            Prior.logUniform(1e-6, 1e6),
            Prior.truncatedGaussian(-1, 2, Double.NEGATIVE_INFINITY, 0),
            Prior.truncatedGaussian(0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
  }

  @ParameterizedTest
  @MethodSource("priorsWithReferences")
  void unitTransformIsTheReferenceQuantileFunction(Prior prior, ContinuousDistribution reference) {
    for (double unit : UNITS) {
      double expected = reference.inverseCumulativeProbability(unit);
      assertThat(prior.valueFromUnit(unit)).isWithin(1e-9 * (1 + Math.abs(expected))).of(expected);
      assertThat(prior.unitFromValue(expected))
          .isWithin(1e-9)
          .of(reference.cumulativeProbability(expected));
      assertThat(prior.logDensity(expected)).isWithin(1e-9).of(reference.logDensity(expected));
    }
  }

  @Test
  void logUniformMatchesTheUniformDistributionOfTheLogarithm() {
    Prior prior = Prior.logUniform(1e-6, 1e6);
    UniformContinuousDistribution logReference =
        UniformContinuousDistribution.of(Math.log(1e-6), Math.log(1e6));
    for (double unit : UNITS) {
      double value = prior.valueFromUnit(unit);
      assertThat(Math.log(value))
          .isWithin(1e-9)
          .of(logReference.inverseCumulativeProbability(unit));
      // density of x = density of log x / x
      assertThat(prior.logDensity(value))
          .isWithin(1e-9)
          .of(logReference.logDensity(Math.log(value)) - Math.log(value));
    }
    assertThat(prior.logDensity(2e6)).isNegativeInfinity();
  }

  @ParameterizedTest
  @MethodSource("allPriors")
  void latentMapIsABijectionWithTheRightJacobian(Prior prior) {
    for (double unit : UNITS) {
      double value = prior.valueFromUnit(unit);
      if (value <= prior.lowerBound() || value >= prior.upperBound()) {
        continue;
      }
      double latent = prior.toLatent(value);
      assertThat(Double.isFinite(latent)).isTrue();
      assertThat(prior.fromLatent(latent)).isWithin(1e-9 * (1 + Math.abs(value))).of(value);
      double step = 1e-5 * (1 + Math.abs(latent));
      double numerical =
          (prior.fromLatent(latent + step) - prior.fromLatent(latent - step)) / (2 * step);
      assertThat(prior.logJacobian(latent)).isWithin(1e-4).of(Math.log(numerical));
    }
  }

  @ParameterizedTest
  @MethodSource("allPriors")
  void latentDensityIntegratesToOne(Prior prior) {
    double from = prior.toLatent(prior.valueFromUnit(1e-12));
    double to = prior.toLatent(prior.valueFromUnit(1 - 1e-12));
    int steps = 100_000;
    double step = (to - from) / steps;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += Math.exp(prior.latentLogDensity(from + (i + 0.5) * step)) * step;
    }
    assertThat(sum).isWithin(1e-4).of(1.0);
  }

  @ParameterizedTest
  @MethodSource("priorsWithReferences")
  void drawsHaveTheReferenceMeanWithinFourStandardErrors(
      Prior prior, ContinuousDistribution reference) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    int n = 20_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double value = prior.sample(rng);
      assertThat(prior.contains(value)).isTrue();
      sum += value;
    }
    double standardError = Math.sqrt(reference.getVariance() / n);
    assertThat(sum / n).isWithin(4 * standardError).of(reference.getMean());
  }

  @Test
  void medianIsTheHalfQuantile() {
    assertThat(Prior.gaussian(50, 30).median()).isWithin(1e-12).of(50);
    assertThat(Prior.logUniform(1e-6, 1e6).median()).isWithin(1e-12).of(1.0);
    assertThat(Prior.uniform(0, 25).median()).isEqualTo(12.5);
  }

  @Test
  void invalidArgumentsAreRejectedWithTheRuleAndTheFix() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Prior.uniform(5, 5)))
        .hasMessageThat()
        .contains("lower must be less than upper");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Prior.logUniform(0, 1)))
        .hasMessageThat()
        .contains("lower must be positive");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Prior.gaussian(0, -1)))
        .hasMessageThat()
        .contains("sigma must be positive");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Prior.logGaussian(0, 0)))
        .hasMessageThat()
        .contains("sigma must be positive");
    assertThat(
            assertThrows(
                IllegalArgumentException.class, () -> Prior.truncatedGaussian(-5, 1, 0, 10)))
        .hasMessageThat()
        .contains("outside the bounds");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Prior.uniform(Double.NaN, 1)))
        .hasMessageThat()
        .contains("must be a finite number");
  }

  @Test
  void descriptionListsArgumentsInPyAutoFitNames() {
    assertThat(Prior.uniform(0, 25).toString())
        .isEqualTo("UniformPrior, lower_limit = 0.0, upper_limit = 25.0");
    assertThat(Prior.gaussian(50, 30).toString())
        .isEqualTo("GaussianPrior, mean = 50.0, sigma = 30.0");
  }

  @Test
  void equalArgumentsMakeEqualPriors() {
    assertThat(Prior.gaussian(50, 30)).isEqualTo(Prior.gaussian(50, 30));
    assertThat(Prior.gaussian(50, 30)).isNotEqualTo(Prior.gaussian(50, 31));
    assertThat(Prior.uniform(0, 1).hashCode()).isEqualTo(Prior.uniform(0, 1).hashCode());
  }
}
