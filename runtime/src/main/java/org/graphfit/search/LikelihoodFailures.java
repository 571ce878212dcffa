package org.graphfit.search;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Counts likelihood calls and the calls that threw or returned NaN, and keeps one failure message
 * so a search can report it once: the least in text order, so that the report does not depend on
 * which thread failed first. Thread safe.
 */
public final class LikelihoodFailures {
  private static final BinaryOperator<String> LEAST =
      (current, candidate) ->
          current == null || candidate.compareTo(current) < 0 ? candidate : current;

  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> firstMessage = new AtomicReference<>();

  /** Counters starting at zero. */
  public LikelihoodFailures() {}

  /**
   * Calls a user likelihood with the accounting every search problem needs: the call is counted,
   * and a throw, NaN or positive infinity is counted as a failure (with a message naming {@code
   * where}) and returned as negative infinity.
   *
   * @param likelihood the user's log-likelihood
   * @param vector where to evaluate it
   * @param where describes a point for the failure message, e.g. by the parameter names and values;
   *     called only when the call fails, so a problem keeps one instead of making one per call
   * @return the log-likelihood, or negative infinity for a failed call
   */
  public double evaluate(
      ToDoubleFunction<double[]> likelihood, double[] vector, Function<double[], String> where) {
    countCall();
    double value;
    try {
      value = likelihood.applyAsDouble(vector);
    } catch (RuntimeException e) {
      countFailure("the likelihood threw " + e + " at " + where.apply(vector));
      return Double.NEGATIVE_INFINITY;
    }
    if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
      countFailure("the likelihood returned " + value + " at " + where.apply(vector));
      return Double.NEGATIVE_INFINITY;
    }
    return value;
  }

  /** Records one call of the user's likelihood. */
  public void countCall() {
    calls.incrementAndGet();
  }

  /**
   * Records a failed call.
   *
   * @param message what went wrong, e.g. the exception or "returned NaN at [..]"
   */
  public void countFailure(String message) {
    failures.incrementAndGet();
    firstMessage.accumulateAndGet(message, LEAST);
  }

  /**
   * Adds counts saved before an interruption, so a resumed fit reports the calls of the whole fit.
   *
   * @param savedCalls calls made before the checkpoint
   * @param savedFailures failures among them
   * @param savedMessage the reported failure message then, or null
   */
  public void restore(long savedCalls, long savedFailures, String savedMessage) {
    calls.addAndGet(savedCalls);
    failures.addAndGet(savedFailures);
    if (savedMessage != null) {
      firstMessage.accumulateAndGet(savedMessage, LEAST);
    }
  }

  /**
   * The number of calls of the user's likelihood.
   *
   * @return the call count
   */
  public long calls() {
    return calls.get();
  }

  /**
   * The number of calls that threw or returned NaN.
   *
   * @return the failure count
   */
  public long failures() {
    return failures.get();
  }

  /**
   * The reported failure message: of all failures, the least in text order.
   *
   * @return the message, or null if none failed
   */
  public String firstMessage() {
    return firstMessage.get();
  }
}
