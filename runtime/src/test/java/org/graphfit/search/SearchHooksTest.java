package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks a search calls before, during and after a fit with an output folder. */
class SearchHooksTest {
  @TempDir Path root;

  /** Measurements of a value with unit noise; slow enough for the hook thread to run. */
  private static class Values implements Analysis<Double> {
    @Override
    public double logLikelihood(Double value) {
      double sum = 0;
      for (int k = 0; k < 2_000; k++) {
        double y = 1 + Math.sin(k) * 0.1;
        sum += -0.5 * (y - value) * (y - value);
      }
      return sum;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("values", new double[] {1}).build());
    }
  }

  /** The same measurements with hooks that record their calls. */
  private static final class Recording extends Values {
    final List<FitStage> stages = new ArrayList<>();
    final List<Double> instances = new ArrayList<>();
    volatile long callsAtSaveData = -1;
    final LikelihoodCounter counter;

    Recording(LikelihoodCounter counter) {
      this.counter = counter;
    }

    @Override
    public double logLikelihood(Double value) {
      counter.calls++;
      return super.logLikelihood(value);
    }

    @Override
    public void saveData(FitPaths paths) {
      callsAtSaveData = counter.calls;
      paths.write("files/dataset/values.txt", "1");
    }

    @Override
    public synchronized void visualize(FitPaths paths, Double instance, FitStage stage) {
      stages.add(stage);
      instances.add(instance);
    }
  }

  /** Counts likelihood calls (racy across threads; used with one thread). */
  private static final class LikelihoodCounter {
    volatile long calls;
  }

  /** Hooks that always throw. */
  private static final class Throwing extends Values {
    @Override
    public void saveData(FitPaths paths) {
      throw new IllegalStateException("no disk for the data");
    }

    @Override
    public void visualize(FitPaths paths, Double instance, FitStage stage) {
      throw new UnsupportedOperationException("cannot draw at " + stage);
    }
  }

  private static NestedSampling search(int threads) {
    return NestedSampling.builder()
        .nLive(80)
        .seed(5)
        .threads(threads)
        .visualizeInterval(Duration.ofMillis(1))
        .build();
  }

  private static ValueModel model() {
    return new ValueModel(Prior.uniform(-10, 10));
  }

  private static Path folderOf(ProblemSearch search, Analysis<Double> analysis) {
    return search.outputPath(model().layout(), analysis).orElseThrow();
  }

  @Test
  void hooksRunBeforeDuringAndAfterTheFitWithTheRightInstances() {
    LikelihoodCounter counter = new LikelihoodCounter();
    Recording analysis = new Recording(counter);
    Result<Double> result =
        search(1).toBuilder().output(root, "recorded").build().fit(model(), analysis);

    assertThat(analysis.callsAtSaveData).isEqualTo(0);
    assertThat(analysis.stages.get(analysis.stages.size() - 1)).isEqualTo(FitStage.FINAL);
    assertThat(analysis.stages.subList(0, analysis.stages.size() - 1))
        .containsNoneOf(FitStage.FINAL, (Object) null);
    assertThat(analysis.stages).contains(FitStage.DURING);
    assertThat(analysis.instances.get(analysis.instances.size() - 1))
        .isEqualTo(result.maxLogLikelihoodInstance());
    // during the fit: the best point so far, each better than the one before and none better
    // than the result's best
    Values plain = new Values();
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < analysis.instances.size() - 1; i++) {
      double logL = plain.logLikelihood(analysis.instances.get(i));
      assertThat(logL).isGreaterThan(previous);
      assertThat(logL).isAtMost(result.maxLogLikelihood());
      previous = logL;
    }
  }

  @Test
  void aThrowingHookIsRecordedAndTheFitIsTheSameAsWithoutHooks() throws IOException {
    ProblemSearch search = search(2).toBuilder().output(root, "hooks").build();
    Result<Double> plain = search.fit(model(), new Values());
    Throwing throwing = new Throwing();
    Result<Double> hooked = search.fit(model(), throwing);

    Path hookedFolder = folderOf(search, throwing);
    JsonNode record =
        new JsonMapper().readTree(Files.readAllBytes(hookedFolder.resolve("files/hooks.json")));
    List<String> failures = new ArrayList<>();
    record.path("failures").forEach(failure -> failures.add(failure.asText()));
    assertThat(failures.get(0)).contains("saveData threw java.lang.IllegalStateException");
    assertThat(failures.get(failures.size() - 1)).contains("visualize(FINAL) threw");
    assertThat(Files.exists(hookedFolder.resolve("files/manifest.json"))).isTrue();
    // same seed, same samples, bit for bit
    assertThat(Files.readAllBytes(hookedFolder.resolve("files/samples.csv")))
        .isEqualTo(Files.readAllBytes(folderOf(search, new Values()).resolve("files/samples.csv")));
    assertThat(hooked.samples().median()).isEqualTo(plain.samples().median());
    assertThat(hooked.likelihoodCalls()).isEqualTo(plain.likelihoodCalls());
  }

  @Test
  void resultsAreBitIdenticalWithAndWithoutHooksOnAnyThreadCount() {
    Result<Double> without =
        search(1).toBuilder().visualizeInterval(Duration.ZERO).build().fit(model(), new Values());
    for (int threads : new int[] {1, 3}) {
      Recording analysis = new Recording(new LikelihoodCounter());
      Result<Double> with =
          search(threads).toBuilder().output(root, "t" + threads).build().fit(model(), analysis);
      assertThat(analysis.stages).contains(FitStage.DURING);
      assertThat(with.samples().size()).isEqualTo(without.samples().size());
      for (int s = 0; s < with.samples().size(); s++) {
        assertThat(with.samples().vector(s)).isEqualTo(without.samples().vector(s));
        assertThat(with.samples().weight(s)).isEqualTo(without.samples().weight(s));
      }
    }
  }
}
