package org.graphfit.analysis;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.log.Log;

/**
 * Calls the hooks of one fit ({@link Analysis#saveData(FitPaths)}, {@link
 * Analysis#visualize(FitPaths, Object, FitStage)} and the like) so that a hook that throws never
 * ends the fit: the failure is logged as a warning through {@link Log} and recorded, and the fit
 * goes on. The record is written to the fit's {@code files/hooks.json} and shown in its report.
 * Thread safe.
 */
public final class HookLog {
  private static final Log LOG = Log.of(HookLog.class);

  private final List<String> failures = new ArrayList<>();

  /** An empty record. */
  public HookLog() {}

  /**
   * Calls a hook, recording its failure.
   *
   * @param what the hook and its subject, e.g. {@code visualize(FINAL) of factor dataset_0}
   * @param hook the call
   * @return true if it returned normally, false if it threw
   */
  public boolean call(String what, Runnable hook) {
    try {
      hook.run();
      return true;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      String failure = what + " threw " + e;
      synchronized (failures) {
        failures.add(failure);
      }
      LOG.warn("the hook {}; the fit goes on without it", failure);
      return false;
    }
  }

  /**
   * The failures so far, in the order they happened, each {@code <what> threw <exception>}.
   *
   * @return a copy
   */
  public List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }
}
