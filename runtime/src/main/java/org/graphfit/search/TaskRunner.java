package org.graphfit.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

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
   * The number of threads.
   *
   * @return the thread count
   */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)} and returns when all are
   * done. Tasks are handed out in order to whichever thread is free, the calling thread being one
   * of the {@link #threads()}; once a task fails, no further task starts.
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
    Runnable work =
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
        };
    int helpers = Math.min(threads, count) - 1;
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int w = 0; w < helpers; w++) {
      futures.add(executor.submit(work));
    }
    // The caller works too: the tasks start at once, however long the helpers take to wake up on
    // a busy machine.
    work.run();
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

  /**
   * Computes {@code task.apply(i)} for every {@code i} in {@code [0, count)} and hands each result
   * to {@code inOrder}, in index order and on the calling thread, as soon as it and all results
   * before it are done. The calling thread computes tasks too, beside up to {@code threads - 1} of
   * the runner's threads, and hands results over between tasks, so that its work on them overlaps
   * the other tasks instead of following them. Tasks are taken in index order.
   *
   * @param count the number of tasks
   * @param task computes result {@code i}
   * @param inOrder receives the results in index order
   * @param <R> the type of result
   * @throws RuntimeException the first failure of a task or of {@code inOrder}, after which no
   *     further task starts (an {@link Error} is rethrown as it is)
   */
  public <R> void runInOrder(int count, IntFunction<R> task, Consumer<R> inOrder) {
    if (executor == null || count <= 1) {
      for (int i = 0; i < count; i++) {
        inOrder.accept(task.apply(i));
      }
      return;
    }
    new InOrderRun<>(count, task).run(inOrder);
  }

  /** One call of {@link #runInOrder}: the calling thread plus helpers from the pool. */
  private final class InOrderRun<R> {
    private final int count;
    private final IntFunction<R> task;
    private final AtomicReferenceArray<R> results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread caller = Thread.currentThread();
    private volatile boolean callerWaiting;

    InOrderRun(int count, IntFunction<R> task) {
      this.count = count;
      this.task = task;
      this.results = new AtomicReferenceArray<>(count);
    }

    /** Runs the next task not yet taken; false if none is left. */
    private boolean runOne() {
      int i = next.getAndIncrement();
      if (i >= count) {
        return false;
      }
      results.set(i, task.apply(i));
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

    void run(Consumer<R> inOrder) {
      List<Future<?>> helpers = new ArrayList<>();
      try {
        for (int h = 0; h < Math.min(threads - 1, count - 1); h++) {
          helpers.add(executor.submit(this::help));
        }
        int handed = 0;
        while (handed < count) {
          rethrowFailure();
          R result = results.get(handed);
          if (result != null) {
            results.set(handed++, null);
            inOrder.accept(result);
          } else if (!runOne()) {
            if (Thread.currentThread().isInterrupted()) {
              throw new IllegalStateException("interrupted while waiting for tasks");
            }
            callerWaiting = true;
            if (results.get(handed) == null && failure.get() == null) {
              LockSupport.park(this);
            }
            callerWaiting = false;
          }
        }
      } finally {
        next.set(count);
        awaitHelpers(helpers);
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

    private void awaitHelpers(List<Future<?>> helpers) {
      boolean interrupted = false;
      for (Future<?> helper : helpers) {
        while (true) {
          try {
            helper.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            throw new IllegalStateException("a worker thread failed", e.getCause());
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
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
