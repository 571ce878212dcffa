package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpOutputTest {
  @TempDir Path folder;

  @Test
  void writesGraphHistorySweepsAndMeanField() throws IOException {
    double[] y = HierarchicalToys.simulate(3, 4, 1, 1, 1);
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(
            GaussianParent.INSTANCE, Parameter.free(Prior.uniform(-10, 10)), Parameter.fixed(1));
    HierarchicalToys toy = HierarchicalToys.of(y, 1, hierarchy);
    EpResult result = ExpectationPropagation.builder().build().fit(toy.graph);

    EpOutput.write(folder, result);

    assertThat(Files.readString(folder.resolve("graph.txt"))).contains("FactorGraph: 4 analysis");
    List<String> history = Files.readAllLines(folder.resolve("ep_history.csv"));
    assertThat(history.get(0))
        .isEqualTo("sweep,factor,status,kl,residual,noise,log_evidence_term,seconds,message");
    // 4 exact (Gaussian) priors once; the uniform prior, 4 datasets and 4 hierarchy pieces per
    // sweep
    assertThat(history).hasSize(1 + 4 + 9 * result.sweepCount());
    assertThat(history.get(1)).startsWith("1,\"prior:dataset_0.centre\",FIXED,");
    assertThat(Files.readAllLines(folder.resolve("ep_sweeps.csv")))
        .hasSize(1 + result.sweepCount());
    assertThat(Files.readString(folder.resolve("mean_field.txt"))).contains("hierarchy.mean");
    JsonNode json =
        JsonMapper.builder().build().readTree(folder.resolve("mean_field.json").toFile());
    assertThat(json.path("converged").asBoolean()).isTrue();
    assertThat(json.path("convergence").asText()).isEqualTo("CONVERGED");
    assertThat(json.path("trustworthy").asBoolean()).isTrue();
    assertThat(json.path("concerns").isEmpty()).isTrue();
    assertThat(Files.readString(folder.resolve("mean_field.txt"))).contains("Trustworthy: yes");
    assertThat(json.path("parameters").path("hierarchy.mean").path("mean").asDouble())
        .isWithin(1e-12)
        .of(result.summary("hierarchy.mean").mean());
    assertThat(json.path("statuses").path("prior:hierarchy.mean").asText()).isEqualTo("OK");
    // The uniform prior's message comes from quadrature; the physical mean stays inside its
    // support.
    assertThat(result.summary("hierarchy.mean").mean()).isWithin(10).of(0);
    FactorKey<?> first = toy.graph.factors().get(0);
    assertThat(((Gaussian) result.meanInstance(first)).centre())
        .isWithin(1e-12)
        .of(result.summary("dataset_0.centre").mean());
    assertThat(Files.readString(folder.resolve("mean_field.txt")))
        .doesNotContain("Excluded factors");
  }

  @Test
  void excludedFactorsAreNamedInTheMeanField() throws IOException {
    double[] y = HierarchicalToys.simulate(3, 4, 1, 1, 1);
    HierarchicalToys toy =
        HierarchicalToys.of(
            y,
            1,
            HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.logUniform(0.1, 10)),
            i -> i == 2 ? g -> Double.NaN : HierarchicalToys.measurement(y[i], 1));
    EpResult result = ExpectationPropagation.builder().maxFailures(2).build().fit(toy.graph);

    EpOutput.write(folder, result);

    assertThat(Files.readString(folder.resolve("mean_field.txt")))
        .contains("Failing factors: dataset_2\nExcluded factors (data not in the fit): dataset_2");
    JsonNode json =
        JsonMapper.builder().build().readTree(folder.resolve("mean_field.json").toFile());
    assertThat(json.path("statuses").path("dataset_2").asText()).isEqualTo("EXCLUDED");
    assertThat(json.path("trustworthy").asBoolean()).isFalse();
    assertThat(json.path("concerns").get(0).path("check").asText()).isEqualTo("EXCLUDED_DATA");
    assertThat(Files.readString(folder.resolve("mean_field.txt")))
        .contains("EXCLUDED_DATA: the fits of dataset_2 kept failing and were excluded");
  }
}
