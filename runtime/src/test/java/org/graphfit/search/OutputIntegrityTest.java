package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.WriteListener;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Measurements;
import org.graphfit.testing.PriorImportanceSearch;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a search reads back from its output folder is the fit it wrote, or an error: other data, a
 * damaged file, a deleted marker, a second writer, a killed result write.
 */
class OutputIntegrityTest {
  private static final ValueModel MODEL = new ValueModel(Prior.uniform(-10, 10));
  private static final Measurements DATA = new Measurements(1.0, 2.0, 3.5);
  private static final Measurements OTHER_DATA = new Measurements(-1.0, 0.5, 0.25);

  @TempDir Path output;

  @AfterEach
  void noListener() {
    AtomicFiles.setListener(null);
  }

  private PriorImportanceSearch search() {
    return PriorImportanceSearch.builder(4, 200, 7L).threads(1).output(output, "fit").build();
  }

  private static Result<Double> fresh(Analysis<Double> analysis) {
    return PriorImportanceSearch.builder(4, 200, 7L).threads(1).build().fit(MODEL, analysis);
  }

  private Path folder(Analysis<Double> analysis) {
    return search().outputPath(MODEL.layout(), analysis).orElseThrow();
  }

  private static IllegalStateException refused(ProblemSearch search, Analysis<Double> analysis) {
    return assertThrows(IllegalStateException.class, () -> search.fit(MODEL, analysis));
  }

  @Test
  void otherDataIntoTheSameRootAreFittedNotLoaded() {
    Result<Double> first = search().fit(MODEL, DATA);
    Result<Double> other = search().fit(MODEL, OTHER_DATA);

    assertThat(other.samples()).isEqualTo(fresh(OTHER_DATA).samples());
    assertThat(other.logEvidence()).isNotEqualTo(first.logEvidence());
    assertThat(folder(OTHER_DATA)).isNotEqualTo(folder(DATA));
  }

  @Test
  void otherDataNeverResumeTheCheckpointOfEarlierData() {
    PriorImportanceSearch killed =
        PriorImportanceSearch.builder(4, 200, 7L)
            .stopAfter(2)
            .threads(1)
            .output(output, "fit")
            .build();
    assertThrows(IllegalStateException.class, () -> killed.fit(MODEL, DATA));

    Result<Double> other = search().fit(MODEL, OTHER_DATA);

    assertThat(other.samples()).isEqualTo(fresh(OTHER_DATA).samples());
  }

  @Test
  void aFlippedByteInTheSamplesIsAnErrorNamingTheFile() throws IOException {
    search().fit(MODEL, DATA);
    Path samples = folder(DATA).resolve("files/samples.csv");
    byte[] bytes = Files.readAllBytes(samples);
    int digit = bytes.length - 30;
    while (!Character.isDigit(bytes[digit])) {
      digit--;
    }
    bytes[digit] = (byte) (bytes[digit] == '9' ? '8' : bytes[digit] + 1);
    Files.write(samples, bytes);

    assertThat(refused(search(), DATA))
        .hasMessageThat()
        .contains(samples + " is damaged or was edited: its SHA-256 differs");
  }

  @Test
  void truncatedSamplesAreAnError() throws IOException {
    search().fit(MODEL, DATA);
    Path samples = folder(DATA).resolve("files/samples.csv");
    List<String> lines = Files.readAllLines(samples);
    Files.write(samples, lines.subList(0, lines.size() - 100));

    assertThat(refused(search(), DATA)).hasMessageThat().contains("it is truncated");
  }

  @Test
  void anEditedEvidenceIsAnError() throws IOException {
    Result<Double> first = search().fit(MODEL, DATA);
    Path summary = folder(DATA).resolve("files/samples_summary.json");
    String text = Files.readString(summary);
    String evidence = Double.toString(first.logEvidence());
    assertThat(text).contains(evidence);
    Files.writeString(summary, text.replace(evidence, Double.toString(first.logEvidence() + 1)));

    assertThat(refused(search(), DATA)).hasMessageThat().contains("samples_summary.json");
  }

  @Test
  void aDeletedOrEmptiedCompletionMarkerIsAnErrorNotARefit() throws IOException {
    Measurements counting = new Measurements(1.0, 2.0, 3.5);
    search().fit(MODEL, counting);
    int callsOfTheFit = counting.calls();
    Path manifest = folder(counting).resolve("files/manifest.json");

    Files.write(manifest, new byte[0]);
    assertThat(refused(search(), counting))
        .hasMessageThat()
        .contains(manifest + " is empty: the completion marker of this fit is damaged");
    Files.delete(manifest);
    assertThat(refused(search(), counting))
        .hasMessageThat()
        .contains("but no files/manifest.json, which a completed fit writes last");
    assertThat(counting.calls()).isEqualTo(callsOfTheFit);
  }

  @Test
  void anEmptiedSummaryIsAnError() throws IOException {
    search().fit(MODEL, DATA);
    Path summary = folder(DATA).resolve("files/samples_summary.json");
    Files.write(summary, new byte[0]);

    assertThat(refused(search(), DATA))
        .hasMessageThat()
        .contains(summary + " has 0 bytes but the fit wrote");
  }

  @Test
  void aDamagedCheckpointIsSetAsideAndTheFitStartsAgainWithTheSameResult() throws IOException {
    PriorImportanceSearch killed =
        PriorImportanceSearch.builder(4, 200, 7L)
            .stopAfter(3)
            .threads(1)
            .output(output, "fit")
            .build();
    assertThrows(IllegalStateException.class, () -> killed.fit(MODEL, DATA));
    Path checkpoint = folder(DATA).resolve("files/checkpoint.bin");
    byte[] bytes = Files.readAllBytes(checkpoint);
    bytes[bytes.length - 3] ^= 0x10; // a bit of the last stored log prior
    Files.write(checkpoint, bytes);

    Result<Double> resumed = search().fit(MODEL, DATA);

    assertThat(resumed.samples()).isEqualTo(fresh(DATA).samples());
    assertThat(Files.exists(checkpoint.resolveSibling("checkpoint.bin.corrupt"))).isTrue();
  }

  @Test
  void aFitKilledWhileWritingItsResultResumesAndWritesItAgain() {
    for (String file : List.of("model.results", "files/samples.csv", "files/manifest.json")) {
      Path root = output.resolve(file.replace('/', '_'));
      PriorImportanceSearch search =
          PriorImportanceSearch.builder(4, 200, 7L).threads(1).output(root, "fit").build();
      AtomicFiles.setListener(
          (path, stage) -> {
            if (path.endsWith(file) && stage == WriteListener.Stage.WRITTEN) {
              throw new IllegalStateException("killed writing " + file);
            }
          });
      assertThrows(IllegalStateException.class, () -> search.fit(MODEL, DATA));
      AtomicFiles.setListener(null);
      Measurements counting = new Measurements(1.0, 2.0, 3.5);

      Result<Double> resumed = search.fit(MODEL, counting);

      assertThat(resumed.samples()).isEqualTo(fresh(DATA).samples());
      assertThat(counting.calls()).isEqualTo(0); // resumed from the checkpoint of the last batch
      assertThat(search.fit(MODEL, DATA).samples()).isEqualTo(resumed.samples());
    }
  }

  @Test
  void temporaryFilesOfAKilledWriteAreRemovedByTheNextRun() throws IOException {
    Path folder = folder(DATA);
    Files.createDirectories(folder.resolve("files"));
    Path leftover = folder.resolve("files/.samples.csv.0123456789abcdef.tmp");
    Path older = folder.resolve(".model.results4711.tmp");
    Files.writeString(leftover, "half a file");
    Files.writeString(older, "half a file");

    search().fit(MODEL, DATA);

    assertThat(Files.exists(leftover)).isFalse();
    assertThat(Files.exists(older)).isFalse();
    try (Stream<Path> files = Files.walk(folder)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }

  @Test
  void aSecondFitOfTheSameFolderInThisJvmGetsAClearError() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Analysis<Double> blocking = new BlockingMeasurements(started, release);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Result<Double>> first = thread.submit(() -> search().fit(MODEL, blocking));
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

      IllegalStateException error = refused(search(), blocking);
      release.countDown();

      assertThat(error).hasMessageThat().contains(folder(blocking) + " is being written by");
      assertThat(error).hasMessageThat().contains("this process");
      assertThat(first.get(30, TimeUnit.SECONDS).samples()).isEqualTo(fresh(DATA).samples());
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
  }

  @Test
  void aFitAskedToWaitForTheLockLoadsTheFitItWaitedFor() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Analysis<Double> blocking = new BlockingMeasurements(started, release);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Result<Double>> first = thread.submit(() -> search().fit(MODEL, blocking));
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      AtomicInteger calls = new AtomicInteger();
      Thread releaser =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                release.countDown();
              });
      releaser.start();

      Result<Double> waited =
          search().toBuilder()
              .lockWait(Duration.ofSeconds(30))
              .build()
              .fit(MODEL, new BlockingMeasurements(new CountDownLatch(1), release, calls));

      assertThat(waited.samples()).isEqualTo(first.get(30, TimeUnit.SECONDS).samples());
      assertThat(calls.get()).isEqualTo(0);
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
  }

  /** {@link #DATA}, whose first call says it started and waits until released. */
  private static final class BlockingMeasurements implements Analysis<Double> {
    private final CountDownLatch started;
    private final CountDownLatch release;
    private final AtomicInteger calls;

    BlockingMeasurements(CountDownLatch started, CountDownLatch release) {
      this(started, release, new AtomicInteger());
    }

    BlockingMeasurements(CountDownLatch started, CountDownLatch release, AtomicInteger calls) {
      this.started = started;
      this.release = release;
      this.calls = calls;
    }

    @Override
    public double logLikelihood(Double value) {
      calls.incrementAndGet();
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return DATA.logLikelihood(value);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return DATA.dataIdentity();
    }
  }
}
