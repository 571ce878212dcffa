package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.graphfit.search.TaskRunner;

/**
 * A {@link FactorExecutor} on local threads: each task runs {@link EpFactor#update(FactorTask)} of
 * the factor with its id and writes only its own result slot, so results are identical for any
 * number of threads. Results are handed over in task order as soon as they and all earlier ones are
 * done, and the calling thread fits tasks too ({@link TaskRunner#runInOrder}), so the caller's
 * serial work on results (applying messages) overlaps the other fits instead of following them.
 */
public final class LocalFactorExecutor implements FactorExecutor {
  private final List<EpFactor> factors;
  private final TaskRunner runner;

  private LocalFactorExecutor(List<EpFactor> factors, int threads) {
    this.factors = List.copyOf(factors);
    this.runner = TaskRunner.withThreads(threads);
  }

  /**
   * An executor for the given factors.
   *
   * @param factors the factors, indexed by id
   * @param threads the number of threads, at least 1, the calling thread included
   * @return the executor
   */
  public static LocalFactorExecutor of(List<? extends EpFactor> factors, int threads) {
    return new LocalFactorExecutor(
        List.copyOf(Objects.requireNonNull(factors, "factors")), threads);
  }

  @Override
  public List<FactorResult> execute(List<FactorTask> tasks) {
    List<FactorResult> results = new ArrayList<>(tasks.size());
    execute(tasks, results::add);
    return results;
  }

  @Override
  public void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
    runner.runInOrder(
        tasks.size(), i -> factors.get(tasks.get(i).factor()).update(tasks.get(i)), inOrder);
  }

  @Override
  public void close() {
    runner.close();
  }
}
