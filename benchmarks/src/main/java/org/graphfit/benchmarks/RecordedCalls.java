package org.graphfit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.ForwardingSearchProblem;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;

/**
 * The points at which a search calls the likelihood, in call order: a second run of the same search
 * on a problem that records them. Timing bare likelihood calls at the run's samples instead
 * misjudges their cost where it depends on the point: the seed joint fit's dead points, spread from
 * the prior to the posterior, cost 1.2 times as much per call as the points the fit evaluates, most
 * of them near the posterior, and the thread-CPU overhead over seeds 1-20 came out 0.26 µs/call
 * where the fit's own points give 0.78.
 */
final class RecordedCalls extends ForwardingSearchProblem {
  private final List<double[]> vectors = new ArrayList<>();

  private RecordedCalls(SearchProblem problem) {
    super(problem);
  }

  /**
   * Runs the search on one thread and returns the points of its likelihood calls.
   *
   * @param search a search with a fixed seed, whose result does not depend on timing
   * @param problem the problem
   * @param expectedCalls the calls the timed run made, which the recorded run must repeat
   * @return the physical vectors of the calls, in order
   */
  static List<double[]> of(ProblemSearch search, SearchProblem problem, long expectedCalls) {
    RecordedCalls recording = new RecordedCalls(problem);
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      search.run(recording, runner, CheckpointStore.none());
    }
    if (recording.vectors.size() != expectedCalls) {
      throw new IllegalStateException(
          "the recorded run made "
              + recording.vectors.size()
              + " likelihood calls where the timed run made "
              + expectedCalls
              + ": the bare calls would not be the run's");
    }
    return recording.vectors;
  }

  @Override
  public double logLikelihood(double[] vector) {
    vectors.add(vector.clone());
    return super.logLikelihood(vector);
  }
}
