package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

/**
 * The progress a nested sampling run shows measures the run: its information is the run's, and its
 * remaining iterations predict when the run stops, checked on states taken along a run.
 */
class NestedProgressTest {
  private static final int N_LIVE = 200;
  private static final double DLOGZ = 0.1;

  /** Keeps every checkpointed state. */
  private static final class Recorder implements CheckpointStore {
    final List<byte[]> states = new ArrayList<>();

    @Override
    public Optional<byte[]> load() {
      return Optional.empty();
    }

    @Override
    public void save(byte[] state) {
      states.add(state);
    }
  }

  private record Recorded(NestedRun run, List<SamplerState> states) {}

  private static Recorded run(SearchProblem problem, int dim, long seed) {
    NestedSettings settings =
        NestedSampling.builder()
            .nLive(N_LIVE)
            .dlogz(DLOGZ)
            .seed(seed)
            .checkpointInterval(50)
            .build()
            .settings();
    Recorder recorder = new Recorder();
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      NestedRun run = new NestedSampler(settings).run(problem, runner, recorder);
      List<SamplerState> states = new ArrayList<>();
      for (byte[] bytes : recorder.states) {
        states.add(SamplerState.read(bytes, dim, N_LIVE, seed));
      }
      return new Recorded(run, states);
    }
  }

  /**
   * Once the live points have contracted past the posterior's bulk ({@code nLive H} iterations),
   * the predicted remaining iterations are within 20% of those the run took, or within {@code nLive
   * / 2} iterations of them near the end, for every state of several runs in 2 and 6 dimensions.
   */
  @Test
  void remainingIterationsPredictTheStopOnceTheBulkIsReached() {
    for (int dim : new int[] {2, 6}) {
      for (long seed = 1; seed <= 3; seed++) {
        Recorded recorded = run(Problems.gaussian(dim), dim, seed);
        long total = recorded.run().iterations();
        double bulk = N_LIVE * recorded.run().information();
        int checked = 0;
        for (SamplerState state : recorded.states()) {
          if (state.iteration < bulk) {
            continue;
          }
          double predicted =
              NestedProgress.remainingIterations(
                  state.logZ,
                  state.remainingLogZ(),
                  state.maxLogL,
                  NestedProgress.logMeanLive(state.liveLogL),
                  DLOGZ,
                  N_LIVE);
          double actual = total - state.iteration;
          assertThat(Math.abs(predicted - actual)).isAtMost(Math.max(0.2 * actual, N_LIVE / 2.0));
          checked++;
        }
        assertThat(checked).isAtLeast(5);
      }
    }
  }

  /** The prediction is unknown before there is an evidence, 0 once below the threshold. */
  @Test
  void remainingIterationsAreZeroOnlyBelowTheThreshold() {
    double inf = Double.NEGATIVE_INFINITY;
    assertThat(NestedProgress.remainingIterations(0, Double.NaN, 0, 0, DLOGZ, N_LIVE)).isNaN();
    assertThat(NestedProgress.remainingIterations(0, 0.09, 0, 0, DLOGZ, N_LIVE)).isEqualTo(0.0);
    assertThat(NestedProgress.remainingIterations(0, 0.2, 0, inf, DLOGZ, N_LIVE))
        .isWithin(1e-9)
        .of(N_LIVE * Math.log(Math.expm1(0.2) / Math.expm1(DLOGZ)));
    // a large remaining evidence does not overflow
    assertThat(NestedProgress.remainingIterations(0, 800, 0, inf, DLOGZ, N_LIVE))
        .isWithin(1e-6)
        .of(N_LIVE * (800 - Math.log(Math.expm1(DLOGZ))));
  }

  /** The information summed from the dead points as they come is the run's own. */
  @Test
  void informationSoFarIsTheRunsInformationAtTheEnd() {
    int dim = 4;
    Recorded recorded = run(Problems.gaussian(dim), dim, 7);
    SamplerState last = recorded.states().get(recorded.states().size() - 1);
    NestedSettings settings =
        NestedSampling.builder().nLive(N_LIVE).dlogz(DLOGZ).build().settings();
    NestedProgress progress = NestedProgress.start(settings);
    progress.update(recorded.states().get(0));
    progress.update(last);
    String line = progress.line();
    progress.finish();
    Matcher h = Pattern.compile("H (\\S+) nats").matcher(line);
    assertThat(h.find()).isTrue();
    // the final live points, added when the run ends, hold less than the remaining evidence
    assertThat(Double.parseDouble(h.group(1))).isWithin(0.15).of(recorded.run().information());
    assertThat(line).startsWith("NestedSampling: iteration " + last.iteration + ", ");
    assertThat(line).contains("(stop < 0.100)");
  }
}
