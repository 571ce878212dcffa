package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

  @Test
  void everyTaskRunsOnceOnAnyNumberOfThreads() {
    for (int threads = 1; threads <= 3; threads++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(1000);
      try (TaskRunner runner = TaskRunner.withThreads(threads)) {
        runner.runAll(1000, runs::incrementAndGet);
      }
      for (int i = 0; i < 1000; i++) {
        assertThat(runs.get(i)).isEqualTo(1);
      }
    }
  }

  @Test
  void theLowestFailingTaskIsReportedWhateverTheTiming() {
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      for (int repeat = 0; repeat < 20; repeat++) {
        IllegalArgumentException error =
            assertThrows(
                IllegalArgumentException.class,
                () ->
                    runner.runAll(
                        100,
                        i -> {
                          if (i == 37 || i == 38) {
                            throw new IllegalArgumentException("task " + i);
                          }
                        }));
        assertThat(error).hasMessageThat().isEqualTo("task 37");
      }
    }
  }

  @Test
  void errorsAreRethrownUnwrapped() {
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      assertThrows(
          AssertionError.class,
          () ->
              runner.runAll(
                  10,
                  i -> {
                    if (i == 3) {
                      throw new AssertionError("broken");
                    }
                  }));
    }
  }

  @Test
  void resultsAreHandedOverInIndexOrderOnTheCallingThread() {
    for (int threads = 1; threads <= 3; threads++) {
      List<Integer> order = new ArrayList<>();
      Thread caller = Thread.currentThread();
      try (TaskRunner runner = TaskRunner.withThreads(threads)) {
        runner.runInOrder(
            500,
            i -> {
              // uneven task lengths, so that results finish out of order
              double x = i;
              for (int k = 0; k < 2000 * (i % 5); k++) {
                x = Math.sin(x);
              }
              return x == Double.MAX_VALUE ? -1 : i;
            },
            i -> {
              assertThat(Thread.currentThread()).isSameInstanceAs(caller);
              order.add(i);
            });
      }
      assertThat(order).isEqualTo(IntStream.range(0, 500).boxed().toList());
    }
  }

  @Test
  void aFailingTaskStopsRunInOrderAndIsRethrown() {
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      List<Integer> handed = new ArrayList<>();
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  runner.runInOrder(
                      100,
                      i -> {
                        if (i == 37) {
                          throw new IllegalArgumentException("task " + i);
                        }
                        return i;
                      },
                      handed::add));
      assertThat(error).hasMessageThat().isEqualTo("task 37");
      assertThat(handed.size()).isAtMost(37);
    }
  }

  @Test
  void threadCountMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> TaskRunner.withThreads(0));
  }

  @Test
  void runAllWorksOnTheCallingThreadBesideTheHelpers() throws InterruptedException {
    Thread caller = Thread.currentThread();
    Thread[] ranOn = new Thread[2];
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      runner.runAll(
          2,
          i -> {
            ranOn[i] = Thread.currentThread();
            bothStarted.countDown();
            try {
              // Both tasks run at the same time, so they are on two different threads.
              assertThat(bothStarted.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
    }
    assertThat(ranOn[0]).isNotEqualTo(ranOn[1]);
    assertThat(Arrays.asList(ranOn)).contains(caller);
  }
}
