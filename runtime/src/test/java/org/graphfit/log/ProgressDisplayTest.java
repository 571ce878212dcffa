package org.graphfit.log;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What each display shows of running progresses, ticked by hand on a hand-set clock. */
class ProgressDisplayTest {
  private final AtomicLong clock = new AtomicLong(1_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final List<String> logged = new ArrayList<>();

  private ProgressDisplay display(Progress.Display mode, int width) {
    return new ProgressDisplay(
        mode,
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        logged::add,
        clock::get,
        false,
        width);
  }

  private String terminal() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Progress.Line counter() {
    return p -> "step " + (long) p.get(0);
  }

  @Test
  void terminalShowsNothingInTheFirstSecond() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 100);
    Progress progress = display.start("Fit", 1, counter());
    progress.set(0, 5);
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS - 1);
    display.tick();
    progress.finish();
    assertThat(terminal()).isEmpty();
  }

  @Test
  void terminalRewritesOneLineAndKeepsTheLastOnFinish() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 100);
    Progress progress = display.start("Fit", 1, counter());
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS);
    progress.set(0, 1234);
    display.tick();
    progress.set(0, 7);
    display.tick();
    progress.set(0, 8);
    progress.finish();
    // the shorter line blanks what is left of the longer one; the final line ends the line
    assertThat(terminal()).isEqualTo("\rFit: step 1234\rFit: step 7   \rFit: step 8\n");
  }

  @Test
  void terminalShowsTheOutermostAndTheNewestInnerComputation() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 200);
    Progress outer = display.start("EP", 1, p -> "sweep " + (long) p.get(0));
    outer.set(0, 2);
    Progress first = display.start("Inner", 1, counter());
    first.set(0, 1);
    Progress second = display.start("Inner", 1, counter());
    second.set(0, 3);
    Progress third = display.start("Inner", 1, counter());
    third.set(0, 4);
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS);
    display.tick();
    assertThat(terminal()).isEqualTo("\rEP: sweep 2 | Inner: step 4 (+2 more)");
    first.finish();
    second.finish();
    third.finish();
    assertThat(terminal()).doesNotContain("\n");
    outer.finish();
    String shown = "EP: sweep 2 | Inner: step 4 (+2 more)";
    assertThat(terminal())
        .isEqualTo("\r" + shown + "\rEP: sweep 2" + " ".repeat(shown.length() - 11) + "\n");
  }

  @Test
  void aNoticeStartsOnABlankedLineAndTheProgressIsDrawnAgainAfterIt() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 100);
    Progress progress = display.start("Fit", 1, counter());
    progress.set(0, 12);
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS);
    display.tick();
    display.clearLine();
    display.clearLine(); // nothing shown: nothing to blank
    display.tick();
    progress.finish();
    assertThat(terminal())
        .isEqualTo("\rFit: step 12\r" + " ".repeat(12) + "\r\rFit: step 12\rFit: step 12\n");
  }

  @Test
  void terminalCutsLinesToItsWidth() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 10);
    Progress progress = display.start("Fit", 1, counter());
    progress.set(0, 123456789);
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS);
    display.tick();
    assertThat(terminal()).isEqualTo("\rFit: step…");
  }

  @Test
  void logShowsEachProgressEveryPeriod() {
    ProgressDisplay display = display(Progress.Display.LOG, 100);
    Progress progress = display.start("Fit", 1, counter());
    progress.set(0, 1);
    clock.addAndGet(ProgressDisplay.LOG_PERIOD_NANOS - 1);
    display.tick();
    assertThat(logged).isEmpty();
    clock.addAndGet(1);
    display.tick();
    progress.set(0, 2);
    clock.addAndGet(ProgressDisplay.LOG_PERIOD_NANOS / 2);
    display.tick();
    clock.addAndGet(ProgressDisplay.LOG_PERIOD_NANOS / 2);
    display.tick();
    progress.finish();
    clock.addAndGet(ProgressDisplay.LOG_PERIOD_NANOS);
    display.tick();
    assertThat(logged).containsExactly("Fit: step 1", "Fit: step 2").inOrder();
    assertThat(terminal()).isEmpty();
  }

  @Test
  void offShowsNothingButKeepsTheSlots() {
    ProgressDisplay display = display(Progress.Display.OFF, 100);
    Progress progress = display.start("Fit", 2, counter());
    assertThat(progress.get(1)).isNaN();
    progress.set(0, 3);
    clock.addAndGet(10 * ProgressDisplay.LOG_PERIOD_NANOS);
    display.tick();
    progress.finish();
    assertThat(progress.line()).isEqualTo("Fit: step 3");
    assertThat(terminal()).isEmpty();
    assertThat(logged).isEmpty();
  }

  @Test
  void aFailingLineIsShownAsSuchAndDoesNotStopTheDisplay() {
    ProgressDisplay display = display(Progress.Display.TERMINAL, 200);
    Progress progress =
        display.start(
            "Fit",
            1,
            p -> {
              throw new ArithmeticException("boom");
            });
    clock.addAndGet(ProgressDisplay.FIRST_SHOWN_NANOS);
    display.tick();
    assertThat(terminal()).contains("Fit: (progress line failed: java.lang.ArithmeticException");
    progress.finish();
  }

  @Test
  void remainingTimeReadsInUnits() {
    assertThat(Progress.eta(Double.NaN)).isEqualTo("ETA ?");
    assertThat(Progress.eta(Double.POSITIVE_INFINITY)).isEqualTo("ETA ?");
    assertThat(Progress.eta(-1)).isEqualTo("ETA ?");
    assertThat(Progress.eta(42.4)).isEqualTo("ETA 42s");
    assertThat(Progress.eta(200)).isEqualTo("ETA 3m 20s");
    assertThat(Progress.eta(7384)).isEqualTo("ETA 2h 3m");
  }
}
