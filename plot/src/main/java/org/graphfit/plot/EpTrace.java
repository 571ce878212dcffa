package org.graphfit.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.FactorExecutor;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.ep.LocalFactorExecutor;

/**
 * Records how expectation propagation's approximation of every variable moves from sweep to sweep,
 * for {@link EpTracePlot}. It wraps the fit's {@link FactorExecutor}: each task carries the global
 * approximation of its factor's variables at the moment the task is made, and a variable's first
 * task of a sweep sees it as the previous sweep left it (the factors of a variable are the only
 * ones that change it). The final approximation comes from the result. Recording reads the tasks
 * and changes nothing, so the fit is the same with or without it.
 *
 * <pre>{@code
 * EpTrace trace = EpTrace.create();
 * EpResult result = ep.fit(graph, trace.recording(2));        // two local threads
 * EpTracePlot.of(result, trace).writePng(folder.resolve("ep_trace.png"));
 * }</pre>
 *
 * <p>Only sweeps run while recording are known: a fit loaded from its output folder has none, and a
 * resumed one starts at the sweep it resumed with.
 */
public final class EpTrace {
  /** Per sweep from 1, the approximation of each variable at its start (null where unseen). */
  private final TreeMap<Integer, GaussianMessage[]> starts = new TreeMap<>();

  private EpTrace() {}

  /**
   * An empty trace.
   *
   * @return the trace
   */
  public static EpTrace create() {
    return new EpTrace();
  }

  /**
   * Executors for {@link org.graphfit.ep.ExpectationPropagation#fit(org.graphfit.graph.FactorGraph,
   * Function)} that run factor updates on local threads and record into this trace.
   *
   * @param threads the number of threads, at least 1
   * @return the executor factory
   */
  public Function<List<EpFactor>, FactorExecutor> recording(int threads) {
    return recording(factors -> LocalFactorExecutor.of(factors, threads));
  }

  /**
   * Executors that run factor updates with another executor (for example on Spark) and record into
   * this trace.
   *
   * @param executors makes the executor that computes the updates
   * @return the executor factory
   */
  public Function<List<EpFactor>, FactorExecutor> recording(
      Function<List<EpFactor>, FactorExecutor> executors) {
    Objects.requireNonNull(executors, "executors");
    return factors -> new Recorder(factors, executors.apply(factors));
  }

  /**
   * The sweeps whose start was recorded.
   *
   * @return sweep numbers from 1, in order
   */
  public List<Integer> sweeps() {
    synchronized (starts) {
      return List.copyOf(starts.keySet());
    }
  }

  /**
   * The approximation of every variable at the start of a sweep: after the sweep before it.
   *
   * @param sweep a sweep of {@link #sweeps()}
   * @return per variable its latent Gaussian, null for a variable no update of that sweep touched
   * @throws IllegalArgumentException if the sweep was not recorded
   */
  public List<GaussianMessage> startOf(int sweep) {
    synchronized (starts) {
      GaussianMessage[] start = starts.get(sweep);
      if (start == null) {
        throw new IllegalArgumentException(
            "sweep " + sweep + " was not recorded; the recorded sweeps are " + starts.keySet());
      }
      return Collections.unmodifiableList(Arrays.asList(start.clone()));
    }
  }

  /**
   * The approximation after each recorded sweep and after the last one: the start of every recorded
   * sweep after the first, then the result's final approximation.
   *
   * @param result the fit's result
   * @return pairs of the sweep number (0 for the start of the fit) and the approximation after it
   */
  List<Step> steps(EpResult result) {
    List<Step> steps = new ArrayList<>();
    synchronized (starts) {
      starts.forEach((sweep, start) -> steps.add(new Step(sweep - 1, List.of(nullSafe(start)))));
    }
    steps.add(new Step(result.sweepCount(), result.approximation()));
    return steps;
  }

  private static GaussianMessage[] nullSafe(GaussianMessage[] messages) {
    GaussianMessage[] copy = messages.clone();
    for (int v = 0; v < copy.length; v++) {
      if (copy[v] == null) {
        copy[v] = GaussianMessage.UNIFORM;
      }
    }
    return copy;
  }

  /**
   * The approximation after a sweep; a variable no update touched is {@link
   * GaussianMessage#UNIFORM}, which is improper.
   *
   * @param sweep the sweep, 0 for the start
   * @param approximation per variable its latent Gaussian
   */
  record Step(int sweep, List<GaussianMessage> approximation) {}

  /** The wrapping executor. */
  private final class Recorder implements FactorExecutor {
    private final List<EpFactor> factors;
    private final FactorExecutor inner;
    private final int variables;

    Recorder(List<EpFactor> factors, FactorExecutor inner) {
      this.factors = List.copyOf(factors);
      this.inner = inner;
      int most = 0;
      for (EpFactor factor : factors) {
        for (int v : factor.variables()) {
          most = Math.max(most, v + 1);
        }
      }
      this.variables = most;
    }

    private void record(List<FactorTask> tasks) {
      synchronized (starts) {
        for (FactorTask task : tasks) {
          GaussianMessage[] start =
              starts.computeIfAbsent(task.sweep(), s -> new GaussianMessage[variables]);
          List<Integer> scope = factors.get(task.factor()).variables();
          for (int k = 0; k < scope.size(); k++) {
            if (start[scope.get(k)] == null) {
              start[scope.get(k)] = task.current()[k];
            }
          }
        }
      }
    }

    @Override
    public List<FactorResult> execute(List<FactorTask> tasks) {
      record(tasks);
      return inner.execute(tasks);
    }

    @Override
    public void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
      record(tasks);
      inner.execute(tasks, inOrder);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
