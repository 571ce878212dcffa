package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {
  private static List<Double> values(List<Axis.Tick> ticks) {
    return ticks.stream().map(Axis.Tick::value).toList();
  }

  @Test
  void ticksWhoseLabelsWouldStickOutAreDroppedNotTheWholeSet() {
    // 0 and 25 sit too near the ends of a vertical axis for their labels: 5 ... 20 remain
    Axis axis = new Axis(Scale.LINEAR, -0.326, 25.326);

    List<Axis.Tick> ticks = axis.ticks(200, CornerLayout.TICK_FONT, false, 3, 3);

    assertThat(values(ticks)).containsExactly(5.0, 10.0, 15.0, 20.0).inOrder();
  }

  @Test
  void linearTicksAreNiceStepsWithLabelsThatFit() {
    Axis axis = new Axis(Scale.LINEAR, 41.3, 58.9);

    List<Axis.Tick> ticks = axis.ticks(200, CornerLayout.TICK_FONT, true, 8, 3);

    assertThat(values(ticks)).containsExactly(45.0, 50.0, 55.0).inOrder();
    assertThat(ticks.get(0).text()).isEqualTo("45");
    assertThat(new Axis(Scale.LINEAR, 0.011, 0.019).ticks(200, CornerLayout.TICK_FONT, true, 8, 3))
        .isNotEmpty();
  }

  @Test
  void logAxesTickDecadesAsPowersOfTen() {
    Axis axis = new Axis(Scale.LOG, 3e-5, 2e1);

    List<Axis.Tick> ticks = axis.ticks(200, CornerLayout.TICK_FONT, true, 8, 3);

    assertThat(ticks.size()).isAtLeast(3);
    for (Axis.Tick tick : ticks) {
      assertThat(tick.text()).isEqualTo("10");
      double exponent = Math.log10(tick.value());
      assertThat(exponent).isWithin(1e-9).of(Math.rint(exponent));
    }
    assertThat(axis.position(Math.sqrt(3e-5 * 2e1))).isWithin(1e-12).of(0.5);
  }

  @Test
  void aLogAxisWithinADecadeStillHasTicks() {
    List<Axis.Tick> ticks =
        new Axis(Scale.LOG, 1.3, 8.7).ticks(200, CornerLayout.TICK_FONT, true, 8, 3);

    // no decade inside: plain numbers at nice steps
    assertThat(values(ticks)).containsAtLeast(2.0, 4.0, 8.0);
    for (Axis.Tick tick : ticks) {
      assertThat(tick.exponent()).isNull();
      assertThat(tick.value()).isIn(com.google.common.collect.Range.closed(1.3, 8.7));
    }
  }
}
