package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Task order, thread independence and failure handling of the local executor. */
class LocalFactorExecutorTest {
  /** A factor whose update costs {@code 1000 * (id % 7)} iterations and whose result encodes it. */
  private static EpFactor factor(int id, IntPredicate breaks) {
    return new EpFactor() {
      @Override
      public String name() {
        return "f" + id;
      }

      @Override
      public List<Integer> variables() {
        return List.of(0);
      }

      @Override
      public FactorResult update(FactorTask task) {
        if (breaks.test(id)) {
          throw new IllegalStateException("factor " + id + " is broken");
        }
        double x = task.seed();
        for (int i = 0; i < 1000 * (id % 7); i++) {
          x = Math.sin(x) + id;
        }
        return new FactorResult(
            id, UpdateStatus.OK, null, null, x, null, FactorResult.Fit.QUADRATURE, "", 0);
      }
    };
  }

  private static List<EpFactor> factors(int count, IntPredicate breaks) {
    List<EpFactor> factors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      factors.add(factor(i, breaks));
    }
    return factors;
  }

  private static List<FactorTask> tasks(int count) {
    List<FactorTask> tasks = new ArrayList<>();
    for (int i = count - 1; i >= 0; i--) {
      tasks.add(
          new FactorTask(
              i,
              1,
              31L * i,
              new GaussianMessage[] {GaussianMessage.UNIFORM},
              new GaussianMessage[] {GaussianMessage.UNIFORM},
              false,
              false));
    }
    return tasks;
  }

  @Test
  void resultsAreHandedOverInTaskOrderAndEqualForAnyThreadCount() {
    List<FactorTask> tasks = tasks(500);
    List<Double> reference = new ArrayList<>();
    try (LocalFactorExecutor one = LocalFactorExecutor.of(factors(500, i -> false), 1)) {
      one.execute(tasks, result -> reference.add(result.logNormalizer()));
    }
    for (int threads : new int[] {2, 3, 5}) {
      List<Integer> order = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      try (LocalFactorExecutor executor =
          LocalFactorExecutor.of(factors(500, i -> false), threads)) {
        executor.execute(
            tasks,
            result -> {
              order.add(result.factor());
              values.add(result.logNormalizer());
            });
        assertThat(executor.execute(tasks).get(0).factor()).isEqualTo(499);
      }
      assertThat(order).isEqualTo(tasks.stream().map(FactorTask::factor).toList());
      assertThat(values).isEqualTo(reference);
    }
  }

  @Test
  void aFactorThatThrowsFailsTheCallAndTheExecutorStaysUsable() {
    List<FactorTask> tasks = tasks(200);
    try (LocalFactorExecutor executor = LocalFactorExecutor.of(factors(200, i -> i == 37), 2)) {
      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> executor.execute(tasks));
      assertThat(error).hasMessageThat().isEqualTo("factor 37 is broken");

      List<FactorTask> healthy = tasks.stream().filter(t -> t.factor() > 37).toList();
      assertThat(executor.execute(healthy)).hasSize(healthy.size());
    }
  }

  @Test
  void aConsumerThatThrowsStopsTheCall() {
    List<FactorTask> tasks = tasks(200);
    List<Integer> seen = new ArrayList<>();
    try (LocalFactorExecutor executor = LocalFactorExecutor.of(factors(200, i -> false), 2)) {
      ArithmeticException error =
          assertThrows(
              ArithmeticException.class,
              () ->
                  executor.execute(
                      tasks,
                      result -> {
                        seen.add(result.factor());
                        if (seen.size() == 10) {
                          throw new ArithmeticException("refused");
                        }
                      }));
      assertThat(error).hasMessageThat().isEqualTo("refused");
      assertThat(seen).hasSize(10);
      assertThat(executor.execute(tasks)).hasSize(200);
    }
  }

  @Test
  void threadsMustBePositive() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> LocalFactorExecutor.of(factors(1, i -> false), 0));
    assertThat(error).hasMessageThat().contains("threads must be at least 1 but was 0");
  }
}
