package org.graphfit.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Counts likelihood calls and the calls that threw or returned NaN, and keeps one failure to report
 * once: the least by its cause's text, then by its point's coordinates in order, so that the report
 * does not depend on which thread failed first. A failure costs a comparison and, when it becomes
 * the least, a copy of its point; the message naming the point is built only when it is read.
 * Thread safe.
 */
public final class LikelihoodFailures {
  /** A failed call: what went wrong, where, and how to describe where (null once described). */
  private record Failure(
      String cause, double[] point, Function<double[], String> where, String described) {
    String message() {
      return described != null ? described : cause + " at " + where.apply(point);
    }

    /** Whether a failure with this cause at this point comes before this one. */
    boolean isAfter(String otherCause, double[] otherPoint) {
      int byCause = otherCause.compareTo(cause);
      return byCause < 0 || (byCause == 0 && Arrays.compare(otherPoint, point) < 0);
    }
  }

  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Failure> least = new AtomicReference<>();

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
   *     called only when the message is read
   * @return the log-likelihood, or negative infinity for a failed call
   */
  public double evaluate(
      ToDoubleFunction<double[]> likelihood, double[] vector, Function<double[], String> where) {
    calls.incrementAndGet();
    double value;
    try {
      value = likelihood.applyAsDouble(vector);
    } catch (RuntimeException e) {
      fail("the likelihood threw " + e, vector, where);
      return Double.NEGATIVE_INFINITY;
    }
    if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
      fail("the likelihood returned " + value, vector, where);
      return Double.NEGATIVE_INFINITY;
    }
    return value;
  }

  private void fail(String cause, double[] point, Function<double[], String> where) {
    failures.incrementAndGet();
    Failure candidate = null;
    for (Failure current = least.get();
        current == null || current.isAfter(cause, point);
        current = least.get()) {
      if (candidate == null) {
        candidate = new Failure(cause, point.clone(), where, null);
      }
      if (least.compareAndSet(current, candidate)) {
        return;
      }
    }
  }

  /**
   * Writes the counts and the reported failure into a checkpoint.
   *
   * @param out the checkpoint
   * @throws IOException if writing fails
   */
  void write(DataOutputStream out) throws IOException {
    out.writeLong(calls.get());
    out.writeLong(failures.get());
    Failure failure = least.get();
    out.writeBoolean(failure != null);
    if (failure != null) {
      out.writeUTF(shortened(failure.cause()));
      out.writeInt(failure.point().length);
      for (double x : failure.point()) {
        out.writeDouble(x);
      }
      out.writeUTF(shortened(failure.message()));
    }
  }

  /**
   * Adds the counts and the failure of a checkpoint written by {@link #write}, so that a resumed
   * fit reports the calls of the whole fit and the failure an uninterrupted one would.
   *
   * @param in the checkpoint
   * @return the calls the checkpoint counted
   * @throws IOException if reading fails
   */
  long read(DataInputStream in) throws IOException {
    long savedCalls = in.readLong();
    calls.addAndGet(savedCalls);
    failures.addAndGet(in.readLong());
    if (in.readBoolean()) {
      String cause = in.readUTF();
      double[] point = new double[in.readInt()];
      for (int i = 0; i < point.length; i++) {
        point[i] = in.readDouble();
      }
      Failure saved = new Failure(cause, point, null, in.readUTF());
      least.accumulateAndGet(
          saved,
          (current, s) -> current == null || current.isAfter(s.cause(), s.point()) ? s : current);
    }
    return savedCalls;
  }

  private static String shortened(String text) {
    return text.length() > 10_000 ? text.substring(0, 10_000) : text;
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
   * The reported failure's message: of all failures, the least by cause, then by point.
   *
   * @return the message, or null if none failed
   */
  public String firstMessage() {
    Failure failure = least.get();
    return failure == null ? null : failure.message();
  }
}
