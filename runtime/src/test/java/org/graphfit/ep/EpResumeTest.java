package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.FileCheckpointStore;
import org.graphfit.output.FitLock;
import org.graphfit.output.WriteListener;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EP's output folder: identifier, checkpoint after every sweep, resume, loading, bad files. */
class EpResumeTest {
  private static final double NOISE = 1;
  private static final double[] Y = HierarchicalToys.simulate(3, 4, 1, 1, NOISE);

  @TempDir Path output;

  /** Four datasets, a uniform-prior parent mean and a fixed scatter; counts likelihood calls. */
  private static FactorGraph graph(AtomicInteger calls, Prior meanPrior) {
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(
            GaussianParent.INSTANCE, Parameter.free(meanPrior), Parameter.fixed(1));
    return HierarchicalToys.of(
            Y,
            NOISE,
            hierarchy,
            i -> {
              Analysis<Gaussian> measurement = HierarchicalToys.measurement(Y[i], NOISE);
              return gaussian -> {
                calls.incrementAndGet();
                return measurement.logLikelihood(gaussian);
              };
            })
        .graph;
  }

  private static FactorGraph graph() {
    return graph(new AtomicInteger(), Prior.uniform(-10, 10));
  }

  /** Nested sampling per factor, so every sweep depends on its factor seeds; five full sweeps. */
  private static ExpectationPropagation.Builder sampled() {
    return ExpectationPropagation.builder()
        .seed(11)
        .maxSweeps(5)
        .tolerance(1e-12)
        .noiseFloorConvergence(false)
        .sampler(NestedSampling.builder().nLive(50).build());
  }

  private Path folder(ExpectationPropagation ep) {
    return ep.outputPath(graph()).orElseThrow();
  }

  @Test
  void identifierIsStableAcrossRunsAndThreadsAndChangesWithSettingsTagAndModel() {
    Path base = folder(ExpectationPropagation.builder().output(output, "ep").build());

    assertThat(base.getParent()).isEqualTo(output.resolve("ep"));
    assertThat(base.getFileName().toString()).isEqualTo("33be5bb22ae26f7ed6b249e4fc44fb16");
    assertThat(folder(ExpectationPropagation.builder().output(output, "ep").threads(2).build()))
        .isEqualTo(base);
    assertThat(folder(ExpectationPropagation.builder().output(output, "ep").build()))
        .isEqualTo(base);
    List<ExpectationPropagation.Builder> others =
        List.of(
            ExpectationPropagation.builder().damping(0.3),
            ExpectationPropagation.builder().maxSweeps(10),
            ExpectationPropagation.builder().maxAveragingSweeps(5),
            ExpectationPropagation.builder().maxFailures(2),
            ExpectationPropagation.builder().correctedMarginals(false),
            ExpectationPropagation.builder().tolerance(1e-3),
            ExpectationPropagation.builder().seed(2),
            ExpectationPropagation.builder().tag("v2"),
            ExpectationPropagation.builder().noiseFloorConvergence(false),
            ExpectationPropagation.builder().onLaplaceMismatch(LaplaceMismatch.WARN),
            ExpectationPropagation.builder()
                .laplaceFallback(NestedSampling.builder().nLive(60).build()),
            ExpectationPropagation.builder().sampler(NestedSampling.builder().nLive(50).build()));
    for (ExpectationPropagation.Builder other : others) {
      assertThat(folder(other.output(output, "ep").build()).getFileName())
          .isNotEqualTo(base.getFileName());
    }
    ExpectationPropagation ep = ExpectationPropagation.builder().output(output, "ep").build();
    assertThat(ep.outputPath(graph(new AtomicInteger(), Prior.uniform(-10, 11))).orElseThrow())
        .isNotEqualTo(base);
    assertThat(ExpectationPropagation.builder().build().outputPath(graph()).isPresent()).isFalse();
  }

  @Test
  void interruptedFitResumesAndEndsBitIdenticalToAnUninterruptedOne() throws IOException {
    EpResult uninterrupted = sampled().build().fit(graph());
    assertThat(uninterrupted.sweepCount()).isEqualTo(5);
    assertThat(uninterrupted.failingFactors()).isEmpty();

    ExpectationPropagation ep = sampled().output(output, "resume").build();
    AtomicInteger calls = new AtomicInteger();
    // Dies in sweep 3 after its first block (prior and analysis factors) has been computed.
    assertThrows(
        IllegalStateException.class,
        () -> ep.fit(graph(calls, Prior.uniform(-10, 10)), factors -> dyingIn(3, factors)));
    Path folder = folder(ep);
    assertThat(Files.exists(folder.resolve("files/checkpoint.bin"))).isTrue();
    assertThat(Files.exists(folder.resolve("files/ep_summary.json"))).isFalse();
    // as if killed while appending the next sweep's updates, before its checkpoint
    Files.write(
        folder.resolve("files/history.bin"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    // and while writing a file whose temporary copy is left behind
    Path leftover = folder.resolve("files/.checkpoint.bin.0123456789abcdef.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});

    List<Integer> sweepsRun = new ArrayList<>();
    EpResult resumed =
        sampled()
            .output(output, "resume")
            .build()
            .fit(graph(), factors -> recording(sweepsRun, LocalFactorExecutor.of(factors, 2)));

    assertThat(sweepsRun.get(0)).isEqualTo(3);

    assertThat(resumed.approximation()).isEqualTo(uninterrupted.approximation());
    assertThat(resumed.summaries()).isEqualTo(uninterrupted.summaries());
    assertThat(withoutTimes(resumed.history())).isEqualTo(withoutTimes(uninterrupted.history()));
    assertThat(
            resumed.sweeps().stream()
                .map(s -> List.of(s.sweep(), s.kl(), s.residual(), s.noiseFloor(), s.failing()))
                .toList())
        .isEqualTo(
            uninterrupted.sweeps().stream()
                .map(s -> List.of(s.sweep(), s.kl(), s.residual(), s.noiseFloor(), s.failing()))
                .toList());
    assertThat(resumed.statuses()).isEqualTo(uninterrupted.statuses());
    assertThat(Double.compare(resumed.logEvidence(), uninterrupted.logEvidence())).isEqualTo(0);
    assertThat(Files.exists(folder.resolve("files/checkpoint.bin"))).isFalse();
    // the final state refers to the history file, which stays, listed in the manifest
    assertThat(Files.exists(folder.resolve("files/history.bin"))).isTrue();
    assertThat(Files.readString(folder.resolve("files/manifest.json")))
        .contains("files/history.bin");
    assertThat(Files.exists(leftover)).isFalse();
  }

  @Test
  void aCheckpointDoesNotGrowWithTheSweepsDone() throws IOException {
    ExpectationPropagation early = sampled().output(output, "early").build();
    ExpectationPropagation late = sampled().output(output, "late").build();
    assertThrows(IllegalStateException.class, () -> early.fit(graph(), f -> dyingIn(2, f)));
    assertThrows(IllegalStateException.class, () -> late.fit(graph(), f -> dyingIn(4, f)));

    // the late checkpoint holds two more sweep summaries (57 bytes each), no more updates
    long earlyBytes = Files.size(folder(early).resolve("files/checkpoint.bin"));
    long lateBytes = Files.size(folder(late).resolve("files/checkpoint.bin"));
    assertThat(lateBytes - earlyBytes).isEqualTo(2 * 57);
    assertThat(Files.size(folder(late).resolve("files/history.bin")))
        .isGreaterThan(2 * Files.size(folder(early).resolve("files/history.bin")));
  }

  @Test
  void completedFitIsLoadedWithoutCallingAnyLikelihood() throws IOException {
    ExpectationPropagation ep = ExpectationPropagation.builder().output(output, "done").build();
    AtomicInteger calls = new AtomicInteger();
    EpResult first = ep.fit(graph(calls, Prior.uniform(-10, 10)));
    int callsAfterFirst = calls.get();
    assertThat(callsAfterFirst).isGreaterThan(0);

    EpResult loaded =
        ExpectationPropagation.builder()
            .output(output, "done")
            .threads(2)
            .build()
            .fit(graph(calls, Prior.uniform(-10, 10)));

    assertThat(calls.get()).isEqualTo(callsAfterFirst);
    assertThat(loaded.approximation()).isEqualTo(first.approximation());
    assertThat(loaded.summaries()).isEqualTo(first.summaries());
    assertThat(loaded.history()).isEqualTo(first.history());
    assertThat(loaded.sweeps()).isEqualTo(first.sweeps());
    assertThat(loaded.statuses()).isEqualTo(first.statuses());
    assertThat(loaded.converged()).isEqualTo(first.converged());
    assertThat(Double.compare(loaded.logEvidence(), first.logEvidence())).isEqualTo(0);
    assertThat(loaded.seconds()).isEqualTo(first.seconds());
    Path folder = folder(ep);
    for (String file :
        List.of(
            "model.info",
            "graph.txt",
            "ep_history.csv",
            "ep_sweeps.csv",
            "mean_field.txt",
            "mean_field.json",
            "files/model.json",
            "files/search.json",
            "files/ep_result.bin",
            "files/ep_summary.json",
            "files/data.json",
            "files/manifest.json")) {
      assertThat(Files.exists(folder.resolve(file))).isTrue();
    }
    assertThat(Files.exists(folder.resolve("files/checkpoint.bin"))).isFalse();
    assertThat(
            JsonMapper.builder()
                .build()
                .readTree(folder.resolve("files/ep_summary.json").toFile())
                .path("completed")
                .asBoolean())
        .isTrue();
    assertThat(Files.readString(folder.resolve("files/model.json"))).contains("GaussianParent");
    assertThat(Files.readString(folder.resolve("files/search.json"))).contains("\"damping\"");
  }

  @Test
  void aForeignOrNewerCheckpointGivesAClearError() throws IOException {
    ExpectationPropagation ep = sampled().output(output, "bad").build();
    assertThrows(IllegalStateException.class, () -> ep.fit(graph(), f -> dyingIn(2, f)));
    Path checkpoint = folder(ep).resolve("files/checkpoint.bin");
    FileCheckpointStore store = new FileCheckpointStore(checkpoint);
    byte[] good = store.load().orElseThrow();

    store.save(new byte[] {'N', 'E', 'S', 'T', 0, 0, 0, 1, 2, 3});
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains("it is not an expectation propagation checkpoint; delete it to fit afresh");

    byte[] newer = good.clone();
    newer[7] = 10;
    store.save(newer);
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains("it has format version 10 but this build reads version 9");

    ExpectationPropagation tagged = sampled().output(output, "bad").tag("other").build();
    FileCheckpointStore foreign =
        new FileCheckpointStore(folder(tagged).resolve("files/checkpoint.bin"));
    foreign.save(good);
    assertThat(assertThrows(IllegalStateException.class, () -> tagged.fit(graph())))
        .hasMessageThat()
        .contains("it belongs to the fit with identifier " + folder(ep).getFileName());
  }

  @Test
  void aDamagedCheckpointOrHistoryIsSetAsideAndTheFitStartsAgainWithTheSameResult()
      throws IOException {
    EpResult uninterrupted = sampled().build().fit(graph());
    ExpectationPropagation ep = sampled().output(output, "damaged").build();
    Path files = folder(ep).resolve("files");
    Map<String, UnaryOperator<byte[]>> damages = new LinkedHashMap<>();
    damages.put("history.bin", bytes -> flipped(bytes, bytes.length / 2));
    damages.put("history.bin ", bytes -> zeroed(bytes, 40, 400));
    damages.put("history.bin  ", bytes -> Arrays.copyOf(bytes, bytes.length - 10));
    damages.put("history.bin   ", bytes -> null);
    damages.put("checkpoint.bin", bytes -> flipped(bytes, bytes.length - 5));
    damages.put("checkpoint.bin ", bytes -> Arrays.copyOf(bytes, bytes.length / 2));
    damages.put("checkpoint.bin  ", bytes -> new byte[0]);
    for (Map.Entry<String, UnaryOperator<byte[]>> damage : damages.entrySet()) {
      assertThrows(IllegalStateException.class, () -> ep.fit(graph(), f -> dyingIn(3, f)));
      Path file = files.resolve(damage.getKey().strip());
      byte[] bytes = damage.getValue().apply(Files.readAllBytes(file));
      if (bytes == null) {
        Files.delete(file);
      } else {
        Files.write(file, bytes);
      }

      EpResult resumed = ep.fit(graph());

      assertThat(resumed.approximation()).isEqualTo(uninterrupted.approximation());
      assertThat(withoutTimes(resumed.history())).isEqualTo(withoutTimes(uninterrupted.history()));
      assertThat(Double.compare(resumed.logEvidence(), uninterrupted.logEvidence())).isEqualTo(0);
      assertThat(Files.exists(files.resolve("checkpoint.bin.corrupt"))).isTrue();
      deleteRecursively(folder(ep));
    }
  }

  @Test
  void aDamagedStoredResultOrMarkerIsAnError() throws IOException {
    ExpectationPropagation ep = sampled().maxSweeps(2).output(output, "stored").build();
    ep.fit(graph());
    Path files = folder(ep).resolve("files");
    Path result = files.resolve("ep_result.bin");
    byte[] good = Files.readAllBytes(result);

    Files.write(result, flipped(good, good.length - 20));
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains(result + " is damaged or was edited");
    Files.write(result, good);
    Path summary = files.resolve("ep_summary.json");
    Files.writeString(summary, Files.readString(summary).replace("true", "false"));
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains(summary.toString());
    Files.delete(summary);
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains(summary + " is missing, but the fit wrote it");
    Files.delete(files.resolve("manifest.json"));
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains("but no files/manifest.json");
  }

  @Test
  void aFitKilledWhileWritingItsResultResumesAndWritesItAgain() {
    EpResult uninterrupted = sampled().build().fit(graph());
    for (String file : List.of("mean_field.json", "ep_result.bin", "manifest.json")) {
      ExpectationPropagation ep = sampled().output(output.resolve(file), "ep").build();
      AtomicFiles.setListener(
          (path, stage) -> {
            if (path.endsWith(file) && stage == WriteListener.Stage.WRITTEN) {
              throw new IllegalStateException("killed writing " + file);
            }
          });
      try {
        assertThrows(IllegalStateException.class, () -> ep.fit(graph()));
      } finally {
        AtomicFiles.setListener(null);
      }
      AtomicInteger calls = new AtomicInteger();

      EpResult resumed = ep.fit(graph(calls, Prior.uniform(-10, 10)));

      assertThat(calls.get()).isEqualTo(0);
      assertThat(resumed.approximation()).isEqualTo(uninterrupted.approximation());
      assertThat(withoutTimes(resumed.history())).isEqualTo(withoutTimes(uninterrupted.history()));
      assertThat(ep.fit(graph()).approximation()).isEqualTo(uninterrupted.approximation());
    }
  }

  @Test
  void keptSearchOutputSurvivesAResumeThatRunsNoSweep() throws IOException {
    ExpectationPropagation whole =
        sampled().output(output.resolve("whole"), "ep").keepSearchOutput(true).build();
    whole.fit(graph());
    Path wholeFolder = whole.outputPath(graph()).orElseThrow();
    ExpectationPropagation ep =
        sampled().output(output.resolve("killed"), "ep").keepSearchOutput(true).build();
    AtomicFiles.setListener(
        (path, stage) -> {
          if (path.endsWith("mean_field.json") && stage == WriteListener.Stage.WRITTEN) {
            throw new IllegalStateException("killed writing mean_field.json");
          }
        });
    try {
      assertThrows(IllegalStateException.class, () -> ep.fit(graph()));
    } finally {
      AtomicFiles.setListener(null);
    }
    AtomicInteger calls = new AtomicInteger();
    ep.fit(graph(calls, Prior.uniform(-10, 10)));
    assertThat(calls.get()).isEqualTo(0);
    Path folder = ep.outputPath(graph()).orElseThrow();
    List<String> kept = new ArrayList<>();
    try (Stream<Path> files = Files.walk(wholeFolder.resolve("factors"))) {
      files
          .filter(file -> file.toString().contains("/search/") && Files.isRegularFile(file))
          .forEach(file -> kept.add(wholeFolder.relativize(file).toString()));
    }
    assertThat(kept).isNotEmpty();
    for (String file : kept) {
      assertThat(Files.readAllBytes(folder.resolve(file)))
          .isEqualTo(Files.readAllBytes(wholeFolder.resolve(file)));
    }
  }

  @Test
  void otherDataIntoTheSameRootAreFittedAndNeverResumeAnotherFit() {
    double[] other = HierarchicalToys.simulate(4, 4, 1, 1, NOISE);
    ExpectationPropagation ep = sampled().output(output, "data").build();
    assertThrows(IllegalStateException.class, () -> ep.fit(identified(Y), f -> dyingIn(3, f)));
    EpResult first = sampled().output(output, "data").build().fit(identified(Y));
    assertThat(ep.outputPath(identified(other))).isNotEqualTo(ep.outputPath(identified(Y)));

    EpResult second = ep.fit(identified(other));
    EpResult fresh = sampled().build().fit(identified(other));

    assertThat(second.approximation()).isEqualTo(fresh.approximation());
    assertThat(second.approximation()).isNotEqualTo(first.approximation());
  }

  @Test
  void aFitOfAFolderThatAnotherFitWritesGetsAClearError() {
    ExpectationPropagation ep = sampled().output(output, "locked").build();
    try (FitLock held = FitLock.acquire(folder(ep), Duration.ZERO)) {
      assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
          .hasMessageThat()
          .contains(folder(ep) + " is being written by another fit");
    }
    assertThat(ep.fit(graph()).sweepCount()).isEqualTo(5);
  }

  /** The graph of {@link #graph()} on other observations, each analysis stating its identity. */
  private static FactorGraph identified(double[] y) {
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(
            GaussianParent.INSTANCE, Parameter.free(Prior.uniform(-10, 10)), Parameter.fixed(1));
    return HierarchicalToys.of(y, NOISE, hierarchy, i -> new IdentifiedMeasurement(y[i])).graph;
  }

  /** A measurement that states its data identity. */
  private static final class IdentifiedMeasurement implements Analysis<Gaussian> {
    private final double y;
    private final Analysis<Gaussian> measurement;

    IdentifiedMeasurement(double y) {
      this.y = y;
      this.measurement = HierarchicalToys.measurement(y, NOISE);
    }

    @Override
    public double logLikelihood(Gaussian instance) {
      return measurement.logLikelihood(instance);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("y", new double[] {y}).build());
    }
  }

  private static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x40;
    return copy;
  }

  /** As left by two writers of one file: a run of zero bytes. */
  private static byte[] zeroed(byte[] bytes, int from, int to) {
    byte[] copy = bytes.clone();
    Arrays.fill(copy, from, Math.min(to, copy.length), (byte) 0);
    return copy;
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The history without wall times, which differ from run to run. */
  private static List<List<Object>> withoutTimes(List<EpUpdate> history) {
    return history.stream()
        .map(
            u ->
                List.<Object>of(
                    u.sweep(),
                    u.factor(),
                    u.status(),
                    u.kl(),
                    u.residual(),
                    u.noise(),
                    u.logEvidenceTerm(),
                    u.message()))
        .toList();
  }

  /** An executor that records the sweep of every block it computes. */
  private static FactorExecutor recording(List<Integer> sweeps, FactorExecutor executor) {
    return new FactorExecutor() {
      @Override
      public List<FactorResult> execute(List<FactorTask> tasks) {
        sweeps.add(tasks.get(0).sweep());
        return executor.execute(tasks);
      }

      @Override
      public void close() {
        executor.close();
      }
    };
  }

  /** A local executor that throws on the second block of the given sweep, like a killed fit. */
  private static FactorExecutor dyingIn(int sweep, List<EpFactor> factors) {
    LocalFactorExecutor local = LocalFactorExecutor.of(factors, 1);
    AtomicInteger blocks = new AtomicInteger();
    return new FactorExecutor() {
      @Override
      public List<FactorResult> execute(List<FactorTask> tasks) {
        if (tasks.get(0).sweep() == sweep && blocks.incrementAndGet() == 2) {
          throw new IllegalStateException("killed in sweep " + sweep);
        }
        return local.execute(tasks);
      }

      @Override
      public void close() {
        local.close();
      }
    };
  }
}
