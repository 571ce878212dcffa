package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history is not held in memory: with an output folder it is read from {@code
 * files/history.bin} on demand, without one at most a budget of updates is kept.
 */
class EpHistoryTest {
  @TempDir Path output;

  private static FactorGraph graph() {
    double[] y = HierarchicalToys.simulate(5, 8, 3, 2, 1);
    return HierarchicalToys.of(
            y, 1, HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.logUniform(0.1, 10)))
        .graph;
  }

  private static ExpectationPropagation.Builder builder() {
    return ExpectationPropagation.builder().maxSweeps(12);
  }

  /** The updates without their wall times, which differ between fits. */
  private static List<EpUpdate> withoutTimes(List<EpUpdate> updates) {
    return updates.stream()
        .map(
            u ->
                new EpUpdate(
                    u.sweep(),
                    u.factor(),
                    u.status(),
                    u.kl(),
                    u.residual(),
                    u.noise(),
                    u.logEvidenceTerm(),
                    0,
                    u.message()))
        .toList();
  }

  @Test
  void withoutAFolderOnlyTheLatestSweepsWithinTheBudgetAreKept() {
    EpResult all = builder().historyInMemory(Long.MAX_VALUE).build().fit(graph());
    // 9 exact priors (centres and parent mean) once, then the scatter's prior, 8 datasets and 8
    // parent pieces per sweep
    assertThat(all.history()).hasSize(9 + 17 * all.sweepCount());
    assertThat(all.historyDropped()).isEqualTo(0);

    EpResult kept = builder().historyInMemory(40).build().fit(graph());

    // each sweep's 17 (the first's 26) updates go in whole; the earliest are dropped while more
    // than 40 are held
    int size = all.history().size();
    assertThat(withoutTimes(kept.history()))
        .isEqualTo(withoutTimes(all.history().subList(size - 34, size)));
    assertThat(kept.historyDropped()).isEqualTo(size - 34);
    assertThat(kept.sweeps()).hasSize(all.sweepCount());
    assertThat(kept.approximation()).isEqualTo(all.approximation());
  }

  @Test
  void withAFolderTheHistoryIsReadFromItsFileOnDemand() throws IOException {
    EpResult memory = builder().historyInMemory(Long.MAX_VALUE).build().fit(graph());
    ExpectationPropagation ep = builder().historyInMemory(1).output(output, "history").build();

    EpResult written = ep.fit(graph());
    EpResult loaded = ep.fit(graph());

    assertThat(withoutTimes(written.history())).isEqualTo(withoutTimes(memory.history()));
    assertThat(written.historyDropped()).isEqualTo(0);
    assertThat(loaded.history()).isEqualTo(written.history());
    List<EpUpdate> streamed = new ArrayList<>();
    loaded.forEachUpdate(streamed::add);
    assertThat(streamed).isEqualTo(written.history());
    Path folder = ep.outputPath(graph()).orElseThrow();
    assertThat(Files.readAllLines(folder.resolve("ep_history.csv")))
        .hasSize(1 + memory.history().size());

    // the history is listed in the manifest: a damaged file is refused when the fit is loaded
    Path history = folder.resolve("files/history.bin");
    byte[] bytes = Files.readAllBytes(history);
    Files.write(history, Arrays.copyOf(bytes, bytes.length - 5));
    assertThat(assertThrows(IllegalStateException.class, () -> ep.fit(graph())))
        .hasMessageThat()
        .contains(
            history + " has " + (bytes.length - 5) + " bytes but the fit wrote " + bytes.length);

    // a loaded result reads the file when asked, checking its records and digest: damage done
    // after loading is reported then, by name
    Files.write(history, bytes);
    EpResult held = ep.fit(graph());
    Files.write(history, Arrays.copyOf(bytes, bytes.length - 5));
    assertThat(assertThrows(IllegalStateException.class, held::history))
        .hasMessageThat()
        .contains(history + " cannot be used: the fit owns its first " + bytes.length + " bytes");
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 0x40;
    Files.write(history, flipped);
    assertThat(assertThrows(IllegalStateException.class, held::history))
        .hasMessageThat()
        .contains("fails its checksum");
    Files.delete(history);
    assertThat(assertThrows(IllegalStateException.class, held::history))
        .hasMessageThat()
        .contains(history + " cannot be used: it is missing");
  }
}
