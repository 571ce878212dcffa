package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.graphfit.testing.OutputChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one process sees of another: its lock on a fit folder; notices without SLF4J binding. */
class OtherProcessTest {
  @TempDir Path output;

  private static Process child(String classPath, String mode, Path path) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-cp", classPath, OutputChild.class.getName(), mode, path.toString())
        .start();
  }

  @Test
  void aFolderLockedByAnotherProcessIsRefusedNamingThatProcessAndFreedWhenItDies()
      throws Exception {
    Path folder = output.resolve("fit/0123");
    Process holder = child(System.getProperty("java.class.path"), "hold", folder);
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("LOCKED");

      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> FitLock.acquire(folder, Duration.ZERO));
      assertThat(error).hasMessageThat().contains(folder + " is being written by another fit");
      assertThat(error).hasMessageThat().contains("process " + holder.pid() + " on ");
      assertThat(error).hasMessageThat().contains("since ");

      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (FitLock lock = FitLock.acquire(folder, Duration.ofSeconds(10))) {
        assertThat(lock).isNotNull();
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void loadingResumingAndUnstatedDataAreNoticedOnStandardErrorWithoutAnSlf4jBinding()
      throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("slf4j-nop"))
            .collect(Collectors.joining(File.pathSeparator));
    Process fits = child(classPath, "notices", output);
    fits.getOutputStream().close();
    String err = new String(fits.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(fits.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(fits.exitValue()).isEqualTo(0);

    assertThat(err).contains("[graphfit] loading the completed fit in " + output);
    assertThat(err).contains("[graphfit] resuming the fit in " + output);
    assertThat(err).contains("from its checkpoint after 50 likelihood calls");
    assertThat(err.split("states no data identity", -1)).hasLength(2);
    assertThat(err).contains("override Analysis.dataIdentity()");
  }
}
