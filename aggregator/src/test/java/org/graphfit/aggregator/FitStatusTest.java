package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incomplete and damaged folders: listed as such, never read as results. */
final class FitStatusTest {
  @TempDir Path root;

  private FitFolder only(String name) {
    FitSelection fits = Aggregator.of(root).all().named(name);
    assertThat(fits.size()).isEqualTo(1);
    return fits.list().get(0);
  }

  @Test
  void interruptedFitIsListedAsIncomplete() {
    OutputFolder folder = SyntheticFits.folder(root, "runs/interrupted", "", 1);
    try (FitLock lock = folder.lock(Duration.ZERO)) {
      folder.writeStart(SyntheticFits.LAYOUT.info());
      folder.checkpoint().save(new byte[] {1, 2, 3});
    }
    SyntheticFits.write(root, "runs/done", "", 40, 2);
    FitFolder fit = only("runs/interrupted");
    assertThat(fit.status()).isEqualTo(FitStatus.INCOMPLETE);
    assertThat(fit.problem()).contains("resumes from its checkpoint");
    assertThat(fit.kind()).isEqualTo(FitKind.SEARCH);
    assertThat(fit.search()).isEqualTo("Synthetic");
    assertThat(Aggregator.of(root).completed().size()).isEqualTo(1);
    assertThat(Aggregator.of(root).incomplete().stream().map(FitFolder::path).toList())
        .containsExactly(fit.path());
    IllegalStateException error = assertThrows(IllegalStateException.class, fit::summary);
    assertThat(error).hasMessageThat().contains("holds no completed fit (incomplete");
  }

  @Test
  void resultBeingWrittenIsIncomplete() {
    OutputFolder folder = SyntheticFits.folder(root, "runs/writing", "", 1);
    try (FitLock lock = folder.lock(Duration.ZERO)) {
      folder.writeStart(SyntheticFits.LAYOUT.info());
      folder.beginResult();
      folder.write("model.results", "partial");
    }
    FitFolder fit = only("runs/writing");
    assertThat(fit.status()).isEqualTo(FitStatus.INCOMPLETE);
    assertThat(fit.problem()).contains("result.pending");
  }

  @Test
  void flippedByteInSamplesMakesTheFitCorruptAndSkipped() throws Exception {
    Path damaged = SyntheticFits.write(root, "runs/damaged", "", 40, 1);
    SyntheticFits.write(root, "runs/good", "", 41, 2);
    Path samples = damaged.resolve("files/samples.csv");
    byte[] bytes = Files.readAllBytes(samples);
    bytes[bytes.length / 2] ^= 1;
    Files.write(samples, bytes);

    FitFolder fit = only("runs/damaged");
    assertThat(fit.status()).isEqualTo(FitStatus.CORRUPT);
    assertThat(fit.problem()).contains(samples.toString());
    assertThat(fit.problem()).contains("SHA-256 differs");
    FitSelection completed = Aggregator.of(root).completed();
    assertThat(completed.size()).isEqualTo(1);
    assertThat(completed.list().get(0).name()).isEqualTo("runs/good");
    assertThrows(IllegalStateException.class, fit::parameters);
    assertThat(Aggregator.of(root).all().values("centre")).hasSize(1);
  }

  @Test
  void truncatedSummaryIsCorrupt() throws Exception {
    Path folder = SyntheticFits.write(root, "runs/truncated", "", 40, 1);
    Path summary = folder.resolve("files/samples_summary.json");
    byte[] bytes = Files.readAllBytes(summary);
    Files.write(summary, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    FitFolder fit = only("runs/truncated");
    assertThat(fit.status()).isEqualTo(FitStatus.CORRUPT);
    assertThat(fit.problem()).contains("truncated");
  }

  @Test
  void damagedManifestIsCorrupt() throws Exception {
    Path folder = SyntheticFits.write(root, "runs/manifest", "", 40, 1);
    Files.writeString(folder.resolve("files/manifest.json"), "{ \"format\": ");
    FitFolder fit = only("runs/manifest");
    assertThat(fit.status()).isEqualTo(FitStatus.CORRUPT);
    assertThat(fit.problem()).contains("manifest.json is not valid JSON");
  }

  @Test
  void resultFilesWithoutManifestAreCorruptNotIncomplete() throws Exception {
    Path folder = SyntheticFits.write(root, "runs/unmarked", "", 40, 1);
    Files.delete(folder.resolve("files/manifest.json"));
    FitFolder fit = only("runs/unmarked");
    assertThat(fit.status()).isEqualTo(FitStatus.CORRUPT);
    assertThat(fit.problem()).contains("but no files/manifest.json");
  }

  @Test
  void copiedFolderOfAnotherIdentifierIsCorrupt() throws Exception {
    Path folder = SyntheticFits.write(root, "runs/original", "", 40, 1);
    Path copy = folder.resolveSibling("0123456789abcdef0123456789abcdef");
    Files.createDirectories(copy.resolve("files"));
    try (var files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, copy.resolve(folder.relativize(file).toString()));
      }
    }
    FitSelection fits = Aggregator.of(root).all();
    assertThat(fits.size()).isEqualTo(2);
    FitFolder copied = fits.filter(f -> f.path().equals(copy)).list().get(0);
    assertThat(copied.status()).isEqualTo(FitStatus.CORRUPT);
    assertThat(copied.problem()).contains("was the folder copied or renamed?");
  }

  @Test
  void tagIsRecordedAndFilterable() {
    SyntheticFits.write(root, "runs/a", "first", 40, 1);
    SyntheticFits.write(root, "runs/a", "second", 40, 1);
    FitSelection fits = Aggregator.of(root).all();
    assertThat(fits.size()).isEqualTo(2);
    assertThat(fits.tagged("second").size()).isEqualTo(1);
    assertThat(fits.tagged("second").list().get(0).tag()).isEqualTo("second");
  }

  @Test
  void onlyIdentifierNamedFoldersWithFilesAreFitsAtAnyDepth() throws Exception {
    SyntheticFits.write(root, "deep/er/still", "", 40, 1);
    Files.createDirectories(root.resolve("other/0123456789abcdef0123456789abcdef"));
    Files.createDirectories(root.resolve("other/files"));
    Files.createDirectories(root.resolve("other/0123456789ABCDEF0123456789ABCDEF/files"));
    Files.writeString(root.resolve("notes.txt"), "not a fit");
    FitSelection fits = Aggregator.of(root).all();
    assertThat(fits.stream().map(FitFolder::name).toList()).containsExactly("deep/er/still");
  }

  @Test
  void missingRootIsAClearError() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Aggregator.of(root.resolve("nowhere")));
    assertThat(error).hasMessageThat().contains("nowhere does not exist");
  }
}
