package org.graphfit.search;

import java.util.Map;

/**
 * What the built-in engines' searches share ({@code NestedSampling}, {@code EnsembleMcmc} and
 * {@code Optimization}): an immutable pair of the engine's settings and the {@link SearchOptions},
 * both set through the engine's builder ({@link SearchBuilder}) and turned back into one by {@link
 * #toBuilder()}. The engine adds its {@code builder()}, its name, its run and the copy with another
 * seed.
 *
 * @param <S> the engine's settings
 */
public abstract class EngineSearch<S extends EngineSettings> implements ProblemSearch {
  private final S settings;
  private final SearchOptions options;

  /**
   * A search with the given settings and options.
   *
   * @param settings the engine's settings
   * @param options how the search runs
   */
  protected EngineSearch(S settings, SearchOptions options) {
    this.settings = settings;
    this.options = options;
  }

  /**
   * A builder holding this search's settings and options.
   *
   * @return a new builder
   */
  public abstract SearchBuilder<?> toBuilder();

  /**
   * The engine's settings.
   *
   * @return the settings
   */
  public final S settings() {
    return settings;
  }

  @Override
  public final SearchOptions options() {
    return options;
  }

  @Override
  public final Map<String, Object> settingsMap() {
    return settings.toMap();
  }
}
