package org.graphfit.search;

import java.util.Objects;

/**
 * A failed self-check of a run: which check failed, and a message saying what was seen, why it
 * matters and what to change.
 *
 * @param check the check that failed
 * @param message what was seen and what to do, one or two sentences
 */
public record Concern(Check check, String message) {
  /** Checks that both parts are present. */
  public Concern {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return check + ": " + message;
  }
}
