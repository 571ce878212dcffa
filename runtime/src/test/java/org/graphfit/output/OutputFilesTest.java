package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  void theManifestIsTheSameTextInEveryJvm() {
    Map<String, Manifest.Entry> files = new LinkedHashMap<>();
    files.put("model.info", Manifest.Entry.of(new byte[] {1, 2, 3}));

    String text = new String(Manifest.of("abc", files).toBytes(), StandardCharsets.UTF_8);

    assertThat(text)
        .isEqualTo(
            "{\n"
                + "  \"format\" : \"graphfit-manifest/1\",\n"
                + "  \"identifier\" : \"abc\",\n"
                + "  \"completed\" : true,\n"
                + "  \"files\" : {\n"
                + "    \"model.info\" : {\n"
                + "      \"bytes\" : 3,\n"
                + "      \"sha256\" : \""
                + Manifest.sha256(new byte[] {1, 2, 3})
                + "\"\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
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

  @Test
  void aDamagedCheckpointIsNeverResumedFromButKeptAside() throws IOException {
    Path file = folder.resolve("files/checkpoint.bin");
    FileCheckpointStore store = new FileCheckpointStore(file);
    byte[] state = new byte[100];
    for (int i = 0; i < state.length; i++) {
      state[i] = (byte) i;
    }
    store.save(state);
    byte[] good = Files.readAllBytes(file);
    List<byte[]> damaged =
        List.of(
            flipped(good, good.length - 1),
            flipped(good, 20),
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, 10),
            new byte[0],
            Arrays.copyOf(good, good.length + 1));

    for (byte[] bytes : damaged) {
      Files.write(file, bytes);
      assertThat(store.load().isPresent()).isFalse();
      assertThat(Files.exists(file)).isFalse();
      assertThat(Files.readAllBytes(file.resolveSibling("checkpoint.bin.corrupt")))
          .isEqualTo(bytes);
    }
    Files.write(file, good);
    assertThat(store.load().orElseThrow()).isEqualTo(state);
  }

  private static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 1;
    return copy;
  }

  @Test
  void atomicallyWrittenFilesHaveThePermissionsOfAnyNewFile() throws IOException {
    assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(folder.resolve("plain.txt"));
    Path atomic = folder.resolve("atomic.txt");
    AtomicFiles.write(atomic, "text");

    assertThat(Files.getPosixFilePermissions(atomic))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void everyStageOfAWriteIsToldToTheListenerAndAFailedWriteLeavesNoTemporaryFile()
      throws IOException {
    Path file = folder.resolve("samples.csv");
    AtomicFiles.write(file, "old");
    List<WriteListener.Stage> stages = new ArrayList<>();
    try {
      AtomicFiles.setListener(
          (path, stage) -> {
            stages.add(stage);
            if (stage == WriteListener.Stage.WRITTEN) {
              throw new IllegalStateException("killed");
            }
          });
      assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, "new"));
    } finally {
      AtomicFiles.setListener(null);
    }

    assertThat(stages)
        .containsExactly(WriteListener.Stage.PARTLY_WRITTEN, WriteListener.Stage.WRITTEN);
    assertThat(Files.readString(file)).isEqualTo("old");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("samples.csv");
    }
  }

  @Test
  void temporaryFilesAreRemovedAndOtherFilesKept() throws IOException {
    List<String> temporary = List.of(".samples.csv.0123456789abcdef.tmp", ".model.info123.tmp");
    List<String> kept = List.of("samples.csv", ".hidden", "notes.tmp", "fit.lock");
    for (String name : temporary) {
      Files.writeString(folder.resolve(name), "x");
    }
    for (String name : kept) {
      Files.writeString(folder.resolve(name), "x");
    }

    assertThat(AtomicFiles.removeTemporaries(folder)).hasSize(2);

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyElementsIn(kept);
    }
  }
}
