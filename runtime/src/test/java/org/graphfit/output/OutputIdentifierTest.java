package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.prior.Prior;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

class OutputIdentifierTest {
  /** The value computed before the description was shared with EP: old folders still resume. */
  @Test
  void identifiersOfExistingFoldersAreUnchanged() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("n_live", 50);
    settings.put("seed", 3L);
    OutputFolder folder =
        OutputFolder.of(
            Path.of("output"),
            "pinned",
            "tag",
            GaussianModel.withDefaults().centre(Prior.uniform(0, 100)).sigma(2.0).layout(),
            "NestedSampling",
            settings);

    assertThat(folder.path().getFileName().toString())
        .isEqualTo("e4db063d6216c672da448eb79612737f");
  }
}
