package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.KillableFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume contract across a real SIGKILL of the JVM running the fit. */
class KillResumeTest {
  @TempDir Path output;

  private Path findCheckpoint() throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      return files
          .filter(p -> p.getFileName().toString().equals("checkpoint.bin"))
          .findFirst()
          .orElse(null);
    } catch (UncheckedIOException e) {
      // the child renamed a temporary file while the walk listed it: look again on the next poll
      return null;
    }
  }

  @Test
  void fitKilledWithSigkillResumesAndEndsWithTheSameSamplesAsAnUninterruptedFit()
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KillableFit.class.getName(),
                output.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Path checkpoint = null;
    while (checkpoint == null && System.nanoTime() < deadline && child.isAlive()) {
      Thread.sleep(20);
      checkpoint = findCheckpoint();
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(checkpoint).isNotNull();
    assertThat(Files.exists(checkpoint)).isTrue();
    assertThat(Files.exists(checkpoint.resolveSibling("samples_summary.json"))).isFalse();

    KillableFit.CALLS.set(0);
    Result<Gaussian> resumed = KillableFit.fit(output);
    long callsAfterResume = KillableFit.CALLS.get();
    Result<Gaussian> uninterrupted = KillableFit.fit(null);

    assertThat(callsAfterResume).isLessThan(uninterrupted.likelihoodCalls());
    assertThat(resumed.likelihoodCalls()).isEqualTo(uninterrupted.likelihoodCalls());
    assertThat(resumed.samples()).isEqualTo(uninterrupted.samples());
    assertThat(Files.exists(checkpoint)).isFalse();
  }
}
