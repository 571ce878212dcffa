package org.graphfit.ep;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.graphfit.search.TaskRunner;

/**
 * A {@link FactorExecutor} on a local thread pool: each task runs {@link
 * EpFactor#update(FactorTask)} of the factor with its id and writes only its own result slot, so
 * results are identical for any number of threads.
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
   * @param threads the number of threads, at least 1
   * @return the executor
   */
  public static LocalFactorExecutor of(List<? extends EpFactor> factors, int threads) {
    return new LocalFactorExecutor(
        List.copyOf(Objects.requireNonNull(factors, "factors")), threads);
  }

  @Override
  public List<FactorResult> execute(List<FactorTask> tasks) {
    FactorResult[] results = new FactorResult[tasks.size()];
    runner.runAll(
        tasks.size(),
        i -> {
          FactorTask task = tasks.get(i);
          results[i] = factors.get(task.factor()).update(task);
        });
    return Arrays.asList(results);
  }

  @Override
  public void close() {
    runner.close();
  }
}
