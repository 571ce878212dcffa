package org.graphfit.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a fixed number of threads. Each task writes only its own result slot and
 * draws only from its own random generator, so a search's results do not depend on the number of
 * threads. With one thread the tasks run on the caller's thread.
 */
public final class TaskRunner implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  private TaskRunner(int threads) {
    this.threads = threads;
    this.executor =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                runnable -> {
                  Thread thread = new Thread(runnable, "graphfit-worker");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * A runner with the given number of threads.
   *
   * @param threads the number of threads, at least 1
   * @return the runner
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static TaskRunner withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    return new TaskRunner(threads);
  }

  /**
   * A runner with one thread per available processor.
   *
   * @return the runner
   */
  public static TaskRunner allCores() {
    return withThreads(Runtime.getRuntime().availableProcessors());
  }

  /**
   * The number of threads.
   *
   * @return the thread count
   */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)} and returns when all are
   * done. Tasks are handed out in order to whichever thread is free; once a task fails, no further
   * task starts.
   *
   * @param count the number of tasks
   * @param task the task body
   * @throws RuntimeException the failure of the lowest-numbered task that failed (an {@link Error}
   *     is rethrown as it is)
   */
  public void runAll(int count, IntConsumer task) {
    if (executor == null || count <= 1) {
      for (int i = 0; i < count; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(count);
    int workers = Math.min(threads, count);
    List<Future<?>> futures = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      futures.add(
          executor.submit(
              () -> {
                int i;
                while (!failed.get() && (i = next.getAndIncrement()) < count) {
                  try {
                    task.accept(i);
                  } catch (RuntimeException | Error e) {
                    failures.set(i, e);
                    failed.set(true);
                  }
                }
              }));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a worker thread failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for tasks", e);
      }
    }
    for (int i = 0; failed.get() && i < count; i++) {
      Throwable failure = failures.get(i);
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw (RuntimeException) failure;
      }
    }
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
