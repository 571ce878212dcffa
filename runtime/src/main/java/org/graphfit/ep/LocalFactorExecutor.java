package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A {@link FactorExecutor} on local threads: the calling thread and {@code threads - 1} helpers
 * take tasks in order, each runs {@link EpFactor#update(FactorTask)} of the factor with its id and
 * writes only its own result slot, so results are identical for any number of threads. Between
 * tasks the calling thread hands over every result that is next in task order, so the caller's
 * serial work on results (applying messages) overlaps the helpers' fits instead of following them.
 */
public final class LocalFactorExecutor implements FactorExecutor {
  private final List<EpFactor> factors;
  private final int threads;
  private final ExecutorService helpers;

  private LocalFactorExecutor(List<EpFactor> factors, int threads) {
    this.factors = factors;
    this.threads = threads;
    this.helpers =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                runnable -> {
                  Thread thread = new Thread(runnable, "graphfit-ep-helper");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * An executor for the given factors.
   *
   * @param factors the factors, indexed by id
   * @param threads the number of threads, at least 1, the calling thread included
   * @return the executor
   */
  public static LocalFactorExecutor of(List<? extends EpFactor> factors, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
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
    if (helpers == null || tasks.size() <= 1) {
      for (FactorTask task : tasks) {
        inOrder.accept(update(task));
      }
      return;
    }
    new Block(tasks).run(inOrder);
  }

  private FactorResult update(FactorTask task) {
    return factors.get(task.factor()).update(task);
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdownNow();
    }
  }

  /** One call's tasks, shared by the calling thread and the helpers. */
  private final class Block {
    private final List<FactorTask> tasks;
    private final AtomicReferenceArray<FactorResult> results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread caller = Thread.currentThread();
    private volatile boolean callerWaiting;

    Block(List<FactorTask> tasks) {
      this.tasks = tasks;
      this.results = new AtomicReferenceArray<>(tasks.size());
    }

    /** Runs the next task not yet taken; false if none is left. */
    private boolean runOne() {
      int i = next.getAndIncrement();
      if (i >= tasks.size()) {
        return false;
      }
      results.set(i, update(tasks.get(i)));
      return true;
    }

    private void help() {
      try {
        while (failure.get() == null && runOne()) {
          if (callerWaiting) {
            LockSupport.unpark(caller);
          }
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
        LockSupport.unpark(caller);
      }
    }

    void run(Consumer<FactorResult> inOrder) {
      int helperCount = Math.min(threads - 1, tasks.size() - 1);
      List<Future<?>> running = new ArrayList<>(helperCount);
      try {
        for (int h = 0; h < helperCount; h++) {
          running.add(helpers.submit(this::help));
        }
        int handed = 0;
        while (handed < tasks.size()) {
          rethrowFailure();
          FactorResult result = results.get(handed);
          if (result != null) {
            results.set(handed++, null);
            inOrder.accept(result);
          } else if (!runOne()) {
            if (Thread.currentThread().isInterrupted()) {
              throw new IllegalStateException("interrupted while waiting for factor updates");
            }
            callerWaiting = true;
            if (results.get(handed) == null && failure.get() == null) {
              LockSupport.park(this);
            }
            callerWaiting = false;
          }
        }
      } finally {
        next.set(tasks.size());
        awaitHelpers(running);
      }
    }

    private void rethrowFailure() {
      Throwable thrown = failure.get();
      if (thrown instanceof Error error) {
        throw error;
      }
      if (thrown != null) {
        throw (RuntimeException) thrown;
      }
    }

    private void awaitHelpers(List<Future<?>> running) {
      boolean interrupted = false;
      for (Future<?> future : running) {
        while (true) {
          try {
            future.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            throw new IllegalStateException("an EP helper thread failed", e.getCause());
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
