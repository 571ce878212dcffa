package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adjustments EP makes to an update are flags of the update, kept through the history file, not
 * text to search for.
 */
class UpdateAdjustmentTest {
  /** A factor of variable 0 that may or may not flatten its messages of negative precision. */
  private static EpFactor factor(boolean flattens) {
    return new EpFactor() {
      @Override
      public String name() {
        return "analysis";
      }

      @Override
      public List<Integer> variables() {
        return List.of(0);
      }

      @Override
      public boolean mayFlattenNegativeMessages() {
        return flattens;
      }

      @Override
      public FactorResult update(FactorTask task) {
        throw new UnsupportedOperationException("the test applies results directly");
      }
    };
  }

  /**
   * Applies a projection of the given variance to factor 1 of a variable whose only other message,
   * factor 0's, is the standard normal: the new message has precision {@code 1/variance - 1}.
   */
  private static EpUpdate apply(boolean flattens, boolean properCavityNeeded, double variance) {
    MeanField field = new MeanField(1, List.of(List.of(0), List.of(0)));
    field.replace(0, new GaussianMessage[] {GaussianMessage.ofMoments(0, 1)});
    FactorTask task = new FactorTask(1, 1, 7, field.cavity(1), field.current(1), false, false);
    FactorResult result =
        new FactorResult(
            1,
            UpdateStatus.OK,
            new GaussianMessage[] {GaussianMessage.ofMoments(0, variance)},
            null,
            0,
            null,
            FactorResult.Fit.LAPLACE,
            "",
            0);
    return MessageUpdater.apply(
        field,
        field.globals(),
        new boolean[] {properCavityNeeded},
        1,
        factor(flattens),
        task,
        result,
        0);
  }

  @Test
  void aNegativeMessageToAVariableNeedingAProperCavityIsSetFlatAndFlagged() {
    EpUpdate update = apply(true, true, 2);
    assertThat(update.status()).isEqualTo(UpdateStatus.OK);
    assertThat(update.adjustments()).containsExactly(UpdateAdjustment.SET_FLAT);
    assertThat(update.message()).isEqualTo(MessageUpdater.FLAT_NOTE);
  }

  @Test
  void aStepThatWouldHalveTheGlobalPrecisionIsShortenedAndFlagged() {
    // precision 1/4 - 1 = -3/4 would leave the variable 1/4 of its sweep-start precision
    EpUpdate update = apply(false, true, 4);
    assertThat(update.status()).isEqualTo(UpdateStatus.OK);
    assertThat(update.adjustments()).containsExactly(UpdateAdjustment.STEP_SHORTENED);
    assertThat(update.message()).isEqualTo("step shortened to 0.5");
  }

  @Test
  void anUpdateAppliedAsComputedHasNoAdjustments() {
    EpUpdate update = apply(true, false, 0.5);
    assertThat(update.adjustments()).isEmpty();
    assertThat(update.message()).isEmpty();
  }

  @Test
  void adjustmentsSurviveTheHistoryFormat() {
    List<EpUpdate> updates =
        List.of(
            new EpUpdate(
                2,
                "dataset_0",
                UpdateStatus.OK,
                0.1,
                0.2,
                0.3,
                -4.5,
                0.01,
                "a note that mentions no adjustment",
                EnumSet.allOf(UpdateAdjustment.class)),
            new EpUpdate(2, "dataset_1", UpdateStatus.OK, 0, 0, 0, 0, 0, "step shortened to 0.5"));
    List<EpUpdate> decoded = UpdateFormat.decode(UpdateFormat.encode(updates), 2);
    assertThat(decoded).isEqualTo(updates);
    assertThat(decoded.get(0).adjustments()).containsExactlyElementsIn(UpdateAdjustment.values());
    assertThat(decoded.get(1).adjustments()).isEmpty();
  }
}
