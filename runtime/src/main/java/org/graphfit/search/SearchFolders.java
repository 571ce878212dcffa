package org.graphfit.search;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens the output folders of fits: declared here, implemented by the output package and found with
 * {@link ServiceLoader} (as {@link ReportWriter} is), so that the search package does not depend on
 * the output package.
 */
public interface SearchFolders {
  /**
   * The folder of a fit, {@code <root>/<name>/<identifier>/}, where the identifier hashes the
   * model's description, the data's, the search's name and settings, and the tag.
   *
   * @param root the output root
   * @param name the fit's name, e.g. {@code seed/joint}
   * @param tag a user tag, possibly empty
   * @param modelDescription the model's structural description, in a stable order
   * @param dataDescription what identifies the data, in a stable order
   * @param searchName the search's name
   * @param searchSettings the settings that determine the result, in a stable order
   * @return the folder, not yet created
   * @throws IllegalArgumentException if the name is malformed or would leave the root
   */
  SearchFolder of(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      Map<String, Object> dataDescription,
      String searchName,
      Map<String, Object> searchSettings);

  /**
   * The implementation on the class path.
   *
   * @return the folders
   * @throws IllegalStateException if none is on the class path
   */
  static SearchFolders find() {
    return ServiceLoader.load(SearchFolders.class, SearchFolders.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no implementation of "
                        + SearchFolders.class.getName()
                        + " is on the class path to write output folders; graphfit-runtime"
                        + " provides one in META-INF/services: keep that file when repackaging"
                        + " the jar"));
  }
}
