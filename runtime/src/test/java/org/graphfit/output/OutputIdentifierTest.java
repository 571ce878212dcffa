package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.prior.Prior;
import org.graphfit.testing.GaussianModel;
import org.graphfit.testing.Measurements;
import org.junit.jupiter.api.Test;

class OutputIdentifierTest {
  /**
   * A pinned identifier: a change to how identifiers are computed moves every existing fit to
   * another folder, so it must be deliberate (as when the data identity joined it).
   */
  @Test
  void identifiersAreStable() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("n_live", 50);
    settings.put("seed", 3L);
    OutputFolder folder =
        OutputFolder.of(
            Path.of("output"),
            "pinned",
            "tag",
            GaussianModel.withDefaults()
                .centre(Prior.uniform(0, 100))
                .sigma(2.0)
                .layout()
                .description(),
            Map.of("analysis", DataIdentity.describe(new Measurements(1, 2))),
            "NestedSampling",
            settings);

    assertThat(folder.path().getFileName().toString())
        .isEqualTo("54178688a540b688e2631820549ec94b");
  }

  @Test
  void namesThatWouldLeaveTheirPlaceInTheRootAreRefused() {
    for (String name :
        List.of("..", "../escape", "a/../../b", "a/./b", ".", "a//b", "/absolute", "a/", "")) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  OutputFolder.of(
                      Path.of("output"), name, "", Map.of(), Map.of(), "Search", Map.of()));
      assertThat(error).hasMessageThat().contains("output name '" + name + "'");
      assertThat(error).hasMessageThat().contains("e.g. seed/joint");
    }
    assertThat(
            OutputFolder.of(
                    Path.of("output"), "seed/a.b-c_1", "", Map.of(), Map.of(), "S", Map.of())
                .path()
                .getParent())
        .isEqualTo(Path.of("output", "seed", "a.b-c_1"));
    assertThat(
            OutputFolder.of(Path.of("."), "fit", "", Map.of(), Map.of(), "S", Map.of())
                .path()
                .getParent())
        .isEqualTo(Path.of(".", "fit"));
  }
}
