package org.graphfit.prior;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.CauchyDistribution;
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
            Prior.truncatedGaussian(0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
            Prior.halfNormal(2.5),
            Prior.halfCauchy(0.7),
            LatentGaussianPrior.of(Prior.uniform(-3, 5), 0.4, 0.8),
            LatentGaussianPrior.of(Prior.halfCauchy(2), -0.3, 1.5)));
  }

  /**
   * The half priors against their unfolded Commons Statistics distribution: density {@code 2 f(x)},
   * distribution function {@code 2 F(x) - 1}, quantile {@code F^-1((1 + p) / 2)}.
   */
  static Stream<Arguments> halfPriorsWithUnfolded() {
    return Stream.of(
        Arguments.of(Prior.halfNormal(2.5), NormalDistribution.of(0, 2.5)),
        Arguments.of(Prior.halfNormal(1e-3), NormalDistribution.of(0, 1e-3)),
        Arguments.of(Prior.halfCauchy(0.7), CauchyDistribution.of(0, 0.7)),
        Arguments.of(Prior.halfCauchy(40), CauchyDistribution.of(0, 40)));
  }

  @ParameterizedTest
  @MethodSource("halfPriorsWithUnfolded")
  void halfPriorsAreTheFoldedReference(Prior prior, ContinuousDistribution unfolded) {
    assertThat(prior.lowerBound()).isEqualTo(0.0);
    for (double unit : UNITS) {
      double expected = unfolded.inverseCumulativeProbability((1 + unit) / 2);
      // the folded reference loses digits of small units in (1 + unit) / 2
      assertThat(prior.valueFromUnit(unit)).isWithin(1e-6 * expected).of(expected);
      double x = expected;
      assertThat(prior.unitFromValue(x))
          .isWithin(1e-9)
          .of(2 * unfolded.cumulativeProbability(x) - 1);
      assertThat(prior.logDensity(x)).isWithin(1e-9).of(Math.log(2) + unfolded.logDensity(x));
    }
    assertThat(prior.logDensity(-1e-9)).isNegativeInfinity();
    assertThat(prior.median())
        .isWithin(1e-9 * prior.median())
        .of(unfolded.inverseCumulativeProbability(0.75));
  }

  @Test
  void aLatentGaussianIsExactlyGaussianInItsBasesLatentCoordinate() {
    Prior base = Prior.uniform(-3, 5);
    LatentGaussianPrior prior = LatentGaussianPrior.of(base, 0.4, 0.8);
    NormalDistribution normal = NormalDistribution.of(0.4, 0.8);
    for (double z : new double[] {-2, -0.5, 0, 0.4, 1.3, 3}) {
      assertThat(prior.latentLogDensity(z)).isWithin(1e-12).of(normal.logDensity(z));
      // the default latent density from logDensity and the Jacobian agrees with the override
      assertThat(prior.logDensity(prior.fromLatent(z)) + prior.logJacobian(z))
          .isWithin(1e-9)
          .of(normal.logDensity(z));
    }
    assertThat(prior.valueFromUnit(0.5)).isWithin(1e-12).of(base.fromLatent(0.4));
    assertThat(prior.logDensity(6)).isNegativeInfinity();
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
