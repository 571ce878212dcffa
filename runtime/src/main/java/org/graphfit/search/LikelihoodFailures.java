package org.graphfit.search;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts likelihood calls and the calls that threw or returned NaN, and keeps the first failure's
 * message so a search can report it once. Thread safe.
 */
public final class LikelihoodFailures {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> firstMessage = new AtomicReference<>();

  /** Counters starting at zero. */
  public LikelihoodFailures() {}

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
    firstMessage.compareAndSet(null, message);
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
   * The first failure's message.
   *
   * @return the message, or null if none failed
   */
  public String firstMessage() {
    return firstMessage.get();
  }
}
