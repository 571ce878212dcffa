package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianMessageTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void momentsRoundTripThroughNaturalParameters() {
    GaussianMessage message = GaussianMessage.ofMoments(3, 4);

    assertThat(message.precision()).isWithin(TOLERANCE).of(0.25);
    assertThat(message.shift()).isWithin(TOLERANCE).of(0.75);
    assertThat(message.mean()).isWithin(TOLERANCE).of(3);
    assertThat(message.sd()).isWithin(TOLERANCE).of(2);
  }

  @Test
  void productIsThePrecisionWeightedCombination() {
    // N(1, 1) * N(3, 3): precision 1 + 1/3, mean (1 + 1) / (4/3) = 1.5
    GaussianMessage product =
        GaussianMessage.ofMoments(1, 1).times(GaussianMessage.ofMoments(3, 3));

    assertThat(product.variance()).isWithin(TOLERANCE).of(0.75);
    assertThat(product.mean()).isWithin(TOLERANCE).of(1.5);
  }

  @Test
  void quotientUndoesTheProductAndMayBeImproper() {
    GaussianMessage a = GaussianMessage.ofMoments(1, 1);
    GaussianMessage b = GaussianMessage.ofMoments(3, 3);

    GaussianMessage back = a.times(b).divide(b);
    GaussianMessage improper = b.divide(a);

    assertThat(back.mean()).isWithin(TOLERANCE).of(1);
    assertThat(back.variance()).isWithin(TOLERANCE).of(1);
    assertThat(improper.isProper()).isFalse();
    assertThat(improper.precision()).isWithin(TOLERANCE).of(1.0 / 3 - 1);
    assertThrows(IllegalStateException.class, improper::mean);
  }

  @Test
  void powerAndDampingScaleNaturalParameters() {
    GaussianMessage a = GaussianMessage.ofMoments(2, 0.5);
    GaussianMessage old = GaussianMessage.ofNatural(1, -1);

    GaussianMessage squared = a.power(2);
    GaussianMessage damped = a.dampedFrom(old, 0.25);

    assertThat(squared.precision()).isWithin(TOLERANCE).of(4);
    assertThat(squared.mean()).isWithin(TOLERANCE).of(2);
    assertThat(damped.precision()).isWithin(TOLERANCE).of(0.25 * 1 + 0.75 * 2);
    assertThat(damped.shift()).isWithin(TOLERANCE).of(0.25 * -1 + 0.75 * 4);
    assertThat(a.dampedFrom(old, 0)).isEqualTo(a);
    assertThrows(IllegalArgumentException.class, () -> a.dampedFrom(old, 1));
  }

  @Test
  void klDivergenceMatchesTheClosedForm() {
    GaussianMessage p = GaussianMessage.ofMoments(1, 2);
    GaussianMessage q = GaussianMessage.ofMoments(-1, 5);
    // KL(N(m0,v0) || N(m1,v1)) = 0.5 (v0/v1 + (m0-m1)^2/v1 - 1 + ln(v1/v0))
    double expected = 0.5 * (2.0 / 5 + 4.0 / 5 - 1 + Math.log(5.0 / 2));

    assertThat(p.klDivergence(q)).isWithin(TOLERANCE).of(expected);
    assertThat(p.klDivergence(p)).isWithin(TOLERANCE).of(0);
  }

  @Test
  void logNormalizerIsTheGaussianIntegral() {
    GaussianMessage message = GaussianMessage.ofMoments(2, 3);
    // ∫ exp(-z²/6 + 2z/3) dz = sqrt(2π·3) exp(m²/(2v)) with m = 2, v = 3
    double expected = 0.5 * Math.log(2 * Math.PI * 3) + 4.0 / 6;

    assertThat(message.logNormalizer()).isWithin(TOLERANCE).of(expected);
    assertThat(message.logDensity(2)).isWithin(TOLERANCE).of(-0.5 * Math.log(2 * Math.PI * 3));
  }

  @Test
  void rejectsNonFiniteParameters() {
    assertThrows(IllegalArgumentException.class, () -> GaussianMessage.ofNatural(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> GaussianMessage.ofMoments(0, 0));
  }
}
