package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bound with every proposal method on an easy problem. */
class NestedSamplerMethodsTest {
  static Stream<Arguments> combinations() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (NestedSettings.Bound bound : NestedSettings.Bound.values()) {
      for (NestedSettings.Sample sample : NestedSettings.Sample.values()) {
        if (sample != NestedSettings.Sample.AUTO) {
          all.add(Arguments.of(bound, sample));
        }
      }
    }
    return all.build();
  }

  @ParameterizedTest
  @MethodSource("combinations")
  void findsTheEvidenceOfAGaussian(NestedSettings.Bound bound, NestedSettings.Sample sample) {
    int d = 3;
    NestedSettings settings =
        NestedSampling.builder().nLive(150).bound(bound).sample(sample).seed(11).build().settings();
    NestedRun run = new NestedSampler(settings).run(Problems.gaussian(d));
    double[] logL = run.logLikelihoods();
    for (int k = 1; k < logL.length; k++) {
      assertWithMessage("log-likelihoods of dead points rise").that(logL[k]).isAtLeast(logL[k - 1]);
    }
    assertWithMessage("%s with %s/%s", run, bound, sample)
        .that(Math.abs(run.logZ() - Problems.gaussianLogZ(d)))
        .isLessThan(3 * run.logZError() + 0.1);
  }
}
