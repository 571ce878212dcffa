package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphfit.analysis.Analysis;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Measurements;
import org.graphfit.testing.PriorImportanceSearch;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
  @TempDir Path output;

  private static final Analysis<Double> NORMAL_AT_TWO = x -> -0.5 * (x - 2) * (x - 2);

  @Test
  void resultCarriesTypedInstancesEvidenceAndCost() {
    Result<Double> result =
        PriorImportanceSearch.builder(4, 5_000, 3L)
            .threads(1)
            .build()
            .fit(new ValueModel(Prior.uniform(-10, 10)), NORMAL_AT_TWO);

    // Z = (1/20) * sqrt(2 pi) for a unit normal well inside the prior.
    assertThat(result.logEvidence()).isWithin(0.05).of(Math.log(Math.sqrt(2 * Math.PI) / 20));
    assertThat(result.medianPdfInstance()).isWithin(0.1).of(2.0);
    assertThat(result.maxLogLikelihoodInstance()).isWithin(0.05).of(2.0);
    assertThat(result.errorsAtSigma(1)[0]).isWithin(0.1).of(1.0);
    assertThat(result.covariance()[0][0]).isWithin(0.1).of(1.0);
    assertThat(result.likelihoodCalls()).isEqualTo(20_000);
    assertThat(result.summary()).contains("Maximum Log Likelihood Model:");
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    ValueModel model = new ValueModel(Prior.uniform(-10, 10));
    Result<Double> one =
        PriorImportanceSearch.builder(3, 500, 9L).threads(1).build().fit(model, NORMAL_AT_TWO);
    Result<Double> two =
        PriorImportanceSearch.builder(3, 500, 9L).threads(2).build().fit(model, NORMAL_AT_TWO);

    assertThat(two.samples()).isEqualTo(one.samples());
  }

  @Test
  void outputFolderHoldsThePyAutoFitFilesAndACompletedFitIsLoadedNotRefitted() {
    ValueModel model = new ValueModel(Prior.uniform(-10, 10));
    AtomicInteger calls = new AtomicInteger();
    Analysis<Double> counting =
        x -> {
          calls.incrementAndGet();
          return NORMAL_AT_TWO.logLikelihood(x);
        };
    PriorImportanceSearch search =
        PriorImportanceSearch.builder(2, 100, 1L).output(output, "demo/fit").build();
    Result<Double> first = search.fit(model, counting);
    int callsAfterFirst = calls.get();
    Result<Double> second = search.fit(model, counting);

    Path folder = search.outputPath(model.layout(), counting).orElseThrow();
    for (String file :
        new String[] {
          "model.info",
          "model.results",
          "search.summary",
          "files/model.json",
          "files/search.json",
          "files/samples.csv",
          "files/samples_summary.json"
        }) {
      assertThat(Files.exists(folder.resolve(file))).isTrue();
    }
    assertThat(Files.exists(folder.resolve("files/checkpoint.bin"))).isFalse();
    assertThat(calls.get()).isEqualTo(callsAfterFirst);
    assertThat(second.samples()).isEqualTo(first.samples());
    assertThat(second.logEvidence()).isEqualTo(first.logEvidence());
    assertThat(second.likelihoodCalls()).isEqualTo(first.likelihoodCalls());
  }

  @Test
  void identifierDependsOnModelDataSearchAndTag() {
    ValueModel model = new ValueModel(Prior.uniform(-10, 10));
    Measurements data = new Measurements(1, 2, 3);
    PriorImportanceSearch search =
        PriorImportanceSearch.builder(2, 100, 1L).output(output, "fit").build();
    Path base = search.outputPath(model.layout(), data).orElseThrow();

    assertThat(search.outputPath(model.layout(), new Measurements(1, 2, 3)).orElseThrow())
        .isEqualTo(base);
    assertThat(search.outputPath(model.layout(), new Measurements(1, 2, 3.5)).orElseThrow())
        .isNotEqualTo(base);
    assertThat(
            search.toBuilder().tag("other").build().outputPath(model.layout(), data).orElseThrow())
        .isNotEqualTo(base);
    assertThat(
            PriorImportanceSearch.builder(2, 100, 2L)
                .output(output, "fit")
                .build()
                .outputPath(model.layout(), data)
                .orElseThrow())
        .isNotEqualTo(base);
    assertThat(
            search.outputPath(new ValueModel(Prior.uniform(-10, 11)).layout(), data).orElseThrow())
        .isNotEqualTo(base);
  }

  @Test
  void interruptedFitResumesFromItsCheckpointAndEndsWithTheSameSamples() {
    ValueModel model = new ValueModel(Prior.uniform(-10, 10));
    Result<Double> uninterrupted =
        PriorImportanceSearch.builder(5, 200, 4L).build().fit(model, NORMAL_AT_TWO);
    PriorImportanceSearch killed =
        PriorImportanceSearch.builder(5, 200, 4L).stopAfter(3).output(output, "resume").build();
    assertThrows(IllegalStateException.class, () -> killed.fit(model, NORMAL_AT_TWO));
    Path folder = killed.outputPath(model.layout(), NORMAL_AT_TWO).orElseThrow();
    assertThat(Files.exists(folder.resolve("files/checkpoint.bin"))).isTrue();

    AtomicInteger calls = new AtomicInteger();
    Result<Double> resumed =
        PriorImportanceSearch.builder(5, 200, 4L)
            .output(output, "resume")
            .build()
            .fit(
                model,
                x -> {
                  calls.incrementAndGet();
                  return NORMAL_AT_TWO.logLikelihood(x);
                });

    assertThat(calls.get()).isEqualTo(2 * 200);
    assertThat(resumed.samples()).isEqualTo(uninterrupted.samples());
  }

  @Test
  void failingLikelihoodsCountAsZeroAndAreReportedWithTheFirstMessage() {
    Analysis<Double> failing =
        x -> {
          if (x > 5) {
            throw new ArithmeticException("boom at " + x);
          }
          return x < -5 ? Double.NaN : NORMAL_AT_TWO.logLikelihood(x);
        };
    Result<Double> result =
        PriorImportanceSearch.builder(2, 1_000, 8L)
            .build()
            .fit(new ValueModel(Prior.uniform(-10, 10)), failing);

    assertThat(result.failedCalls()).isGreaterThan(700L);
    assertThat(result.firstFailure()).containsMatch("boom at|returned NaN");
    assertThat(result.medianPdfInstance()).isWithin(0.2).of(2.0);
    assertThat(result.summary()).contains("failed likelihood calls");
  }
}
