package org.graphfit.ep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Computes the factor updates of one sweep. All tasks of a sweep are computed against the same
 * approximation and may run in any order and anywhere; the results are applied in factor order by
 * {@link ExpectationPropagation}, so the fit does not depend on how tasks are scheduled.
 *
 * <p>Tasks ({@link FactorTask}) and results ({@link FactorResult}) are {@link java.io.Serializable}
 * and small: a factor id, a few Gaussian messages and a seed go out, a few moments, a status and a
 * log normaliser come back. A distributed implementation (for example on Apache Spark) needs the
 * factor itself where a task runs: {@link PortableFactor#of} gives each analysis factor's place in
 * the graph and identity, a worker rebuilds the analysis factor from the same code and data and
 * calls {@link PortableFactor#rebuild}, keeps the factors it built for the rest of the fit (and
 * only for this fit: another fit may have other data under the same names), and maps each task to
 * {@code factor.update(task)}. Prior and hierarchical factors are cheap and can run where the
 * executor is made. Nothing else in the algorithm changes.
 */
public interface FactorExecutor extends AutoCloseable {
  /**
   * Computes every task.
   *
   * @param tasks the tasks of one sweep
   * @return one result per task, in task order
   */
  List<FactorResult> execute(List<FactorTask> tasks);

  /**
   * Computes every task and hands each result to {@code inOrder}, in task order, on the calling
   * thread. The default hands the results of {@link #execute(List)} over once all are done; an
   * executor may instead hand result {@code i} over as soon as results {@code 0..i} are done, so
   * that the caller applies them while later tasks still run ({@link LocalFactorExecutor} does).
   *
   * @param tasks the tasks of one sweep
   * @param inOrder receives one result per task, in task order
   */
  default void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
    execute(tasks).forEach(inOrder);
  }

  /** Releases threads or connections. */
  @Override
  void close();
}
