package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The reported failure is chosen without describing every failed point, whatever the order. */
class LikelihoodFailuresTest {
  /** Throws at negative first coordinates, returns NaN at first coordinates above 10. */
  private static final ToDoubleFunction<double[]> LIKELIHOOD =
      x -> {
        if (x[0] < 0) {
          throw new IllegalArgumentException("negative");
        }
        return x[0] > 10 ? Double.NaN : -x[0];
      };

  private final AtomicInteger described = new AtomicInteger();
  private final Function<double[], String> where =
      x -> {
        described.incrementAndGet();
        return Arrays.toString(x);
      };

  private static List<double[]> points(int count) {
    Random random = new Random(3);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[60];
      for (int d = 0; d < x.length; d++) {
        x[d] = random.nextInt(30) - 10; // ties in the first coordinates
      }
      points.add(x);
    }
    return points;
  }

  @Test
  void aFailureIsDescribedOnlyWhenItsMessageIsRead() {
    LikelihoodFailures failures = new LikelihoodFailures();
    for (double[] x : points(2000)) {
      failures.evaluate(LIKELIHOOD, x, where);
    }
    assertThat(failures.failures()).isGreaterThan(1000L);
    assertThat(described.get()).isEqualTo(0);
    String message = failures.firstMessage();
    assertThat(described.get()).isEqualTo(1);
    assertThat(message).startsWith("the likelihood returned NaN at [11.0, ");
  }

  @Test
  void theReportedFailureDoesNotDependOnTheOrderOfCalls() {
    List<double[]> points = points(500);
    LikelihoodFailures ordered = new LikelihoodFailures();
    points.forEach(x -> ordered.evaluate(LIKELIHOOD, x, where));
    for (long seed = 0; seed < 5; seed++) {
      List<double[]> shuffled = new ArrayList<>(points);
      Collections.shuffle(shuffled, new Random(seed));
      LikelihoodFailures other = new LikelihoodFailures();
      shuffled.forEach(x -> other.evaluate(LIKELIHOOD, x, where));
      assertThat(other.firstMessage()).isEqualTo(ordered.firstMessage());
    }
  }

  @Test
  void aResumedCountReportsWhatAnUninterruptedOneWould() throws IOException {
    List<double[]> points = points(500);
    LikelihoodFailures whole = new LikelihoodFailures();
    points.forEach(x -> whole.evaluate(LIKELIHOOD, x, where));
    for (int cut : new int[] {0, 1, 100, 499}) {
      LikelihoodFailures before = new LikelihoodFailures();
      points.subList(0, cut).forEach(x -> before.evaluate(LIKELIHOOD, x, where));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        before.write(out);
      }
      LikelihoodFailures after = new LikelihoodFailures();
      points.subList(cut, points.size()).forEach(x -> after.evaluate(LIKELIHOOD, x, where));
      try (DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(after.read(in)).isEqualTo((long) cut);
      }
      assertThat(after.calls()).isEqualTo(whole.calls());
      assertThat(after.failures()).isEqualTo(whole.failures());
      assertThat(after.firstMessage()).isEqualTo(whole.firstMessage());
    }
  }
}
