package org.graphfit.search;

import java.util.Map;

/**
 * The immutable settings of a built-in engine ({@link EngineSearch}): what determines its result,
 * as opposed to the {@link SearchOptions} of how it runs.
 */
public interface EngineSettings {
  /**
   * The settings that determine the result, by name in a stable order, as written to {@code
   * search.json} and hashed into the output identifier.
   *
   * @return the settings
   */
  Map<String, Object> toMap();
}
