package org.graphfit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.analysis.Dataset1D;

/**
 * Finds the datasets shipped in {@code examples/data}: from the system property {@code
 * graphfit.examples.data} if set (the Maven exec configuration sets it), else {@code examples/data}
 * or {@code data} below the working directory.
 */
public final class ExampleData {
  /** The system property naming the data folder. */
  public static final String PROPERTY = "graphfit.examples.data";

  private ExampleData() {}

  /**
   * The data folder.
   *
   * @return the folder holding {@code example_1d}
   * @throws IllegalStateException if no folder is found
   */
  public static Path folder() {
    String configured = System.getProperty(PROPERTY);
    List<Path> candidates =
        configured != null
            ? List.of(Path.of(configured))
            : List.of(Path.of("examples", "data"), Path.of("data"));
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate.resolve("example_1d"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no example data found in "
            + candidates
            + "; run from the project root or set -D"
            + PROPERTY
            + "=<path to examples/data>");
  }

  /**
   * Loads {@code dataset_0 .. dataset_<count-1>} of one {@code example_1d} folder.
   *
   * @param name the folder name, e.g. {@code gaussian_x1__low_snr}
   * @param count how many datasets to load
   * @return the datasets in order
   * @throws IOException if a file cannot be read
   */
  public static List<Dataset1D> load(String name, int count) throws IOException {
    Path root = folder().resolve("example_1d").resolve(name);
    List<Dataset1D> datasets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      datasets.add(Dataset1D.load(root.resolve("dataset_" + i)));
    }
    return datasets;
  }

  /**
   * The true value of one parameter of a simulated dataset, from its {@code model.json}.
   *
   * @param name the folder name, e.g. {@code gaussian_x1__hierarchical}
   * @param index the dataset index
   * @param parameter the parameter name, e.g. {@code centre}
   * @return the true value
   * @throws IOException if the file cannot be read
   */
  public static double truth(String name, int index, String parameter) throws IOException {
    Path file =
        folder()
            .resolve("example_1d")
            .resolve(name)
            .resolve("dataset_" + index)
            .resolve("model.json");
    JsonNode value = new JsonMapper().readTree(file.toFile()).path("arguments").path(parameter);
    if (!value.isNumber()) {
      throw new IllegalArgumentException(file + " has no numeric arguments." + parameter);
    }
    return value.asDouble();
  }
}
