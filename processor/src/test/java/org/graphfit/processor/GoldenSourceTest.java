package org.graphfit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated source of the reference component, character for character. */
final class GoldenSourceTest {
  @Test
  void gaussianModelSourceMatchesTheGoldenFile() throws IOException {
    JavaFileObject gaussian =
        Compilations.source(
            "org.graphfit.model.Gaussian",
            "package org.graphfit.model;",
            "",
            "import org.graphfit.annotations.ModelComponent;",
            "import org.graphfit.annotations.Prior;",
            "import org.graphfit.annotations.Shared;",
            "",
            "@ModelComponent",
            "public record Gaussian(",
            "    @Shared @Prior.Gaussian(mean = 50, sigma = 30) double centre,",
            "    @Prior.LogUniform(lower = 1e-6, upper = 1e6) double normalization,",
            "    @Prior.Uniform(lower = 0, upper = 25) double sigma) {}");

    Compilation compilation = Compilations.compile(gaussian);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("org.graphfit.model.GaussianModel")
        .contentsAsUtf8String()
        .isEqualTo(golden("golden/GaussianModel.java.txt"));
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in = GoldenSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
