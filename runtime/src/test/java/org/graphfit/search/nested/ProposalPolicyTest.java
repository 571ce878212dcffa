package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.search.nested.NestedSettings.Sample;
import org.junit.jupiter.api.Test;

class ProposalPolicyTest {
  private static ProposalPolicy policy(Sample sample) {
    return new ProposalPolicy(NestedSampling.builder().sample(sample).build().settings());
  }

  @Test
  void autoStartsUniformAndFallsBackByDimension() {
    ProposalPolicy auto = policy(Sample.AUTO);
    assertThat(auto.first(3)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.fallback(3)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.first(4)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.fallback(4)).isEqualTo(Sample.RWALK);
    assertThat(auto.fallback(10)).isEqualTo(Sample.RWALK);
    assertThat(auto.first(20)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.fallback(11)).isEqualTo(Sample.RSLICE);
    assertThat(auto.first(21)).isEqualTo(Sample.RSLICE);
    assertThat(auto.fallback(21)).isEqualTo(Sample.RSLICE);
    assertThat(policy(Sample.SLICE).first(2)).isEqualTo(Sample.SLICE);
    assertThat(policy(Sample.RWALK).fallback(7)).isEqualTo(Sample.RWALK);
  }

  @Test
  void autoLeavesUniformSamplingWhenItCostsMoreThanItsFallback() {
    ProposalPolicy auto = policy(Sample.AUTO);
    // one over the fallback's calls per new point: 25 walks in 7-D, 4 calls times 36 slices in 12-D
    assertThat(auto.switchEfficiency(7)).isEqualTo(1.0 / 25);
    assertThat(auto.switchEfficiency(12)).isEqualTo(1.0 / (4 * 36));
    assertThat(auto.switchEfficiency(3)).isEqualTo(0.0);
    assertThat(auto.switchEfficiency(30)).isEqualTo(0.0);

    assertThat(auto.next(Sample.UNIFORM, 0.039, 7)).isEqualTo(Sample.RWALK);
    assertThat(auto.next(Sample.UNIFORM, 0.041, 7)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.next(Sample.UNIFORM, Double.NaN, 7)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.next(Sample.UNIFORM, 0.001, 3)).isEqualTo(Sample.UNIFORM);
    assertThat(auto.next(Sample.RWALK, 0.001, 7)).isEqualTo(Sample.RWALK);
    assertThat(policy(Sample.UNIFORM).next(Sample.UNIFORM, 0.001, 7)).isEqualTo(Sample.UNIFORM);
  }
}
