package org.graphfit.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.graphfit.analysis.Analysis;
import org.graphfit.output.FitLock;
import org.graphfit.prior.Prior;

/**
 * Entry points of child JVMs for tests of what another process sees: {@code hold <folder>} takes a
 * fit folder's lock and keeps it until killed; {@code notices <root>} runs fits that load, resume
 * and warn, for a test that reads the notices printed without an SLF4J binding.
 */
public final class OutputChild {
  private OutputChild() {}

  /**
   * Runs a mode.
   *
   * @param args the mode and its folder
   * @throws InterruptedException if interrupted while holding the lock
   */
  public static void main(String[] args) throws InterruptedException {
    Path path = Path.of(args[1]);
    if (args[0].equals("hold")) {
      try (FitLock lock = FitLock.acquire(path, Duration.ZERO)) {
        System.out.println("LOCKED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
    }
    ValueModel model = new ValueModel(Prior.uniform(-10, 10));
    Analysis<Double> unstated = x -> -0.5 * x * x;
    PriorImportanceSearch search =
        PriorImportanceSearch.builder(3, 50, 1L).output(path, "notices").build();
    search.fit(model, unstated);
    search.fit(model, unstated);
    try {
      PriorImportanceSearch.builder(3, 50, 2L)
          .stopAfter(1)
          .output(path, "notices")
          .build()
          .fit(model, unstated);
    } catch (IllegalStateException expected) {
      // the simulated kill
    }
    PriorImportanceSearch.builder(3, 50, 2L).output(path, "notices").build().fit(model, unstated);
  }
}
