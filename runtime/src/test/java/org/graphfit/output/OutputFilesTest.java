package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.graphfit.search.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path folder;

  @Test
  void atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = folder.resolve("a/b/model.info");
    AtomicFiles.write(file, "first");
    AtomicFiles.write(file, "second");

    assertThat(Files.readString(file)).isEqualTo("second");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("model.info");
    }
  }

  @Test
  void failedWriteReportsThePathAndKeepsTheOldContent() throws IOException {
    Path file = folder.resolve("kept.txt");
    AtomicFiles.write(file, "old");
    Path blocked = folder.resolve("kept.txt/child");

    UncheckedIOException error =
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(blocked, "new"));
    assertThat(error).hasMessageThat().contains("child");
    assertThat(Files.readString(file)).isEqualTo("old");
  }

  @Test
  void samplesSurviveACsvRoundTripBitForBit() throws IOException {
    Samples samples =
        Samples.of(
            List.of("gaussian_0.centre", "gaussian_0.sigma"),
            new double[][] {{49.123456789012345, 1e-300}, {0.1 + 0.2, -7.5}},
            new double[] {-150.25, Double.NEGATIVE_INFINITY},
            new double[] {-3.1, -3.2},
            new double[] {0.3, 0.7});
    Path file = folder.resolve("samples.csv");
    AtomicFiles.write(file, SamplesCsv.format(samples));

    assertThat(Files.readAllLines(file).get(0))
        .isEqualTo(
            "gaussian_0.centre,gaussian_0.sigma,log_likelihood,log_prior,log_posterior,weight");
    assertThat(SamplesCsv.read(file)).isEqualTo(samples);
  }

  @Test
  void checkpointStoreRoundTripsBytesAndForgetsThemWhenDeleted() {
    FileCheckpointStore store = new FileCheckpointStore(folder.resolve("files/checkpoint.bin"));
    assertThat(store.load().isPresent()).isFalse();
    store.save(new byte[] {1, 2, 3});

    assertThat(store.load().orElseThrow()).isEqualTo(new byte[] {1, 2, 3});
    store.delete();
    assertThat(store.load().isPresent()).isFalse();
  }
}
