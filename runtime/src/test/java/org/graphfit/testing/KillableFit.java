package org.graphfit.testing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.graphfit.analysis.Analysis;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * A deliberately slow fit, run in a child JVM that the kill test ends with SIGKILL part way
 * through, and then in the test's own JVM to resume it.
 */
public final class KillableFit {
  private KillableFit() {}

  /** The number of likelihood calls made in this JVM. */
  public static final AtomicLong CALLS = new AtomicLong();

  /** The likelihood: a unit normal at 2, made slow by a busy loop so a fit lasts seconds. */
  public static final Analysis<Gaussian> SLOW =
      gaussian -> {
        CALLS.incrementAndGet();
        double sink = 0;
        for (int i = 0; i < 30_000; i++) {
          sink += Math.sin(i * gaussian.sigma());
        }
        double z = gaussian.centre() - 50;
        return -0.5 * z * z / 4 - 1e-300 * sink;
      };

  /** The engine of the test fit: nested sampling, checkpointing every 20 iterations. */
  public static NestedSampling search() {
    return NestedSampling.builder().nLive(100).seed(17).checkpointInterval(20).batchSize(2).build();
  }

  /**
   * Runs the fit with output in {@code output}.
   *
   * @param output the output root
   * @return the result
   */
  public static Result<Gaussian> fit(Path output) {
    NestedSampling search = search().toBuilder().threads(2).build();
    if (output != null) {
      search = search.toBuilder().output(output, "killable").build();
    }
    return search.fit(GaussianModel.withDefaults(), SLOW);
  }

  /**
   * Entry point of the child JVM.
   *
   * @param args the output root
   */
  public static void main(String[] args) {
    fit(Path.of(args[0]));
  }
}
