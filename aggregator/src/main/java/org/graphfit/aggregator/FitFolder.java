// Long because it is the read API of one fit folder, each accessor documented and reading, once,
// the files it needs; the checks are FolderCheck's, the summaries' parsing SummaryReader's, a
// factor's folder FactorFolder's.
package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.FitFiles;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Result;

/**
 * One fit folder found under an output root, {@code <root>/<name>/<identifier>/}: a search, a joint
 * graph search or an expectation propagation fit, completed or not. Nothing is read when it is
 * found; each accessor reads the files it needs the first time it is called and keeps what it read:
 * {@link #status()} reads the manifest and checks every file against it, {@link #parameters()}
 * reads the summary, {@link #result(Model)} the samples. A folder whose files do not verify is
 * {@link FitStatus#CORRUPT}, and its results are never read. Safe for use by several threads.
 */
public final class FitFolder {
  static final String GRAPH_ANALYSIS = "org.graphfit.graph.FactorGraph$GraphAnalysis";
  static final String EP_SEARCH = "ExpectationPropagation";

  private final Path root;
  private final Path path;
  private String name;

  private FolderCheck.State state;
  private JsonNode model;
  private JsonNode search;
  private JsonNode fit;
  private FitKind kind;
  private FitSummary summary;
  private List<ParameterSummary> parameters;
  private List<DerivedSummary> derived;
  private List<FactorSummary> factors;

  FitFolder(Path root, Path path) {
    this.root = root;
    this.path = path;
  }

  /**
   * One fit folder, given by its path. Its root is found from the name recorded in {@code
   * files/fit.json} when the folder's path ends with it, else taken as the folder's grandparent.
   *
   * @param folder the fit's folder, {@code <root>/<name>/<identifier>}
   * @return the fit
   * @throws IllegalArgumentException if the folder does not exist or is not a fit folder (named by
   *     32 hex digits, with a {@code files/} folder)
   */
  public static FitFolder at(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(
          "no fit folder at "
              + folder
              + (Files.exists(absolute) ? " (it is a file)" : " (it does not exist)"));
    }
    if (!FitScanner.isFitFolder(absolute) || absolute.getParent() == null) {
      throw new IllegalArgumentException(
          folder
              + " is not a fit folder: a fit folder is named by 32 hex digits and has a files/"
              + " folder");
    }
    Path root = absolute.getParent().getParent();
    try {
      JsonNode fit = Json.MAPPER.readTree(absolute.resolve("files/fit.json").toFile());
      String recorded = fit == null ? null : fit.path("name").asText(null);
      if (recorded != null && absolute.getParent().endsWith(recorded)) {
        Path candidate = absolute.getParent();
        for (int i = 0; i < Path.of(recorded).getNameCount(); i++) {
          candidate = candidate.getParent();
        }
        if (candidate != null) {
          root = candidate;
        }
      }
    } catch (IOException e) {
      // no readable record of the name: the grandparent is the root
    }
    return new FitFolder(root == null ? absolute.getParent() : root, absolute);
  }

  /**
   * The output root the folder was found under.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  /**
   * The fit's folder.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The fit's name: its folder's parent relative to the root, e.g. {@code seed/joint}.
   *
   * @return the name
   */
  public synchronized String name() {
    if (name == null) {
      Path relative = root.relativize(path.getParent());
      List<String> segments = new ArrayList<>();
      relative.forEach(segment -> segments.add(segment.toString()));
      name = String.join("/", segments);
    }
    return name;
  }

  /**
   * The fit's identifier, the folder's own name: a digest of model, data, settings and tag.
   *
   * @return the 32 hex digits
   */
  public String identifier() {
    return path.getFileName().toString();
  }

  /**
   * Whether the fit completed, is incomplete (running or interrupted) or corrupt; the first call
   * reads the manifest and checks every file it lists.
   *
   * @return the status
   */
  public synchronized FitStatus status() {
    return state().status();
  }

  private synchronized FolderCheck.State state() {
    if (state == null) {
      state = FolderCheck.check(path, isEp());
    }
    return state;
  }

  /**
   * What is wrong with a corrupt folder, or why an incomplete one is incomplete.
   *
   * @return the message naming the file and what to do, or null for a completed fit
   */
  public synchronized String problem() {
    return state().problem();
  }

  /**
   * The SHA-256 of the folder's manifest when {@link #status()} read it: it changes whenever the
   * fit's files do.
   *
   * @return the hex digest, or null without a manifest
   */
  public synchronized String manifestDigest() {
    return state().manifestDigest();
  }

  /** The manifest's size when {@link #status()} read it, -1 without one. */
  synchronized long manifestBytes() {
    return state().manifestBytes();
  }

  /**
   * The manifest's modification time in nanoseconds when {@link #status()} read it, -1 without one.
   */
  synchronized long manifestModified() {
    return state().manifestModified();
  }

  /**
   * Marks a folder whose verified files cannot be read (a summary that is not what this version
   * writes) as corrupt.
   */
  synchronized void markCorrupt(String why) {
    state = state().corrupt(why);
  }

  private boolean isEp() {
    return EP_SEARCH.equals(searchJson().path("search").asText());
  }

  /** A start file, verified for a completed fit, read as it is otherwise. */
  private byte[] startFile(String file) {
    byte[] bytes = state == null ? null : state.kept().get(file);
    if (bytes != null) {
      return bytes;
    }
    try {
      return Files.readAllBytes(path.resolve(file));
    } catch (IOException e) {
      return null;
    }
  }

  private synchronized JsonNode searchJson() {
    if (search == null) {
      search = Json.parse(startFile("files/search.json"), path.resolve("files/search.json"));
    }
    return search;
  }

  /** {@code files/model.json}, verified for a completed fit. */
  synchronized JsonNode modelJson() {
    status();
    if (model == null) {
      model = Json.parse(startFile("files/model.json"), path.resolve("files/model.json"));
    }
    return model;
  }

  private synchronized JsonNode fitJson() {
    status();
    if (fit == null) {
      fit = Json.parse(startFile("files/fit.json"), path.resolve("files/fit.json"));
    }
    return fit;
  }

  /** Whether checking the completed fit kept a file's verified bytes in memory. */
  synchronized boolean keeps(String file) {
    return state().kept().containsKey(file);
  }

  /** A kept file's verified bytes, null if it was not kept. */
  synchronized byte[] keptBytes(String file) {
    return state().kept().get(file);
  }

  /** A kept file as JSON, the missing node if it was not kept. */
  JsonNode keptJson(String file) {
    return Json.parse(keptBytes(file), path.resolve(file));
  }

  /** A kept file as text, null if it was not kept. */
  String keptText(String file) {
    byte[] bytes = keptBytes(file);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * What wrote the folder, read from its start files ({@code files/search.json} and {@code
   * files/data.json}), so known for incomplete fits too.
   *
   * @return the kind
   */
  public synchronized FitKind kind() {
    status();
    if (kind == null) {
      if (isEp()) {
        kind = FitKind.EP;
      } else {
        JsonNode data = Json.parse(startFile("files/data.json"), path.resolve("files/data.json"));
        kind =
            data.path("data").path("analysis").asText().startsWith(GRAPH_ANALYSIS + " ")
                ? FitKind.GRAPH
                : FitKind.SEARCH;
      }
    }
    return kind;
  }

  /**
   * The user's tag, from {@code files/fit.json}.
   *
   * @return the tag ({@code ""} when none was given), or null if the folder does not record it
   *     (written before fits recorded their tag)
   */
  public String tag() {
    JsonNode tag = fitJson().path("tag");
    return tag.isTextual() ? tag.asText() : null;
  }

  /**
   * The search's name from {@code files/search.json}, e.g. {@code NestedSampling}.
   *
   * @return the name, or null if the file is unreadable
   */
  public synchronized String search() {
    status();
    JsonNode search = searchJson().path("search");
    return search.isTextual() ? search.asText() : null;
  }

  /**
   * The search's settings, flattened to dotted keys (a sampler's settings under {@code
   * sampler.settings.}), each value as its JSON text.
   *
   * @return key to value, in the file's order
   */
  public synchronized Map<String, String> settings() {
    status();
    Map<String, String> settings = new LinkedHashMap<>();
    Json.flatten("", searchJson().path("settings"), settings);
    return settings;
  }

  /**
   * The search's settings as the JSON text of {@code files/search.json}'s {@code settings}.
   *
   * @return the JSON, or null if the file is unreadable
   */
  public synchronized String settingsJson() {
    status();
    JsonNode settings = searchJson().path("settings");
    return settings.isMissingNode() ? null : settings.toString();
  }

  /**
   * The model's type from {@code files/model.json}: the component's name (e.g. {@code Gaussian}),
   * or {@code Collection} for a graph.
   *
   * @return the type, or null if the file is unreadable
   */
  public String modelType() {
    JsonNode type = modelJson().path("type");
    return type.isTextual() ? type.asText() : null;
  }

  /**
   * The free parameters' paths in the model's order, from {@code files/model.json}.
   *
   * @return the paths
   */
  public List<String> parameterPaths() {
    List<String> paths = new ArrayList<>();
    for (JsonNode parameter : modelJson().path("free_parameters")) {
      paths.add(parameter.path("path").asText());
    }
    return paths;
  }

  /**
   * The files the manifest lists, with the size and SHA-256 recorded.
   *
   * @return file to record, empty unless the fit is complete
   */
  public synchronized Map<String, FitFiles.Listed> files() {
    return status() == FitStatus.COMPLETE ? state.files().files() : Map.of();
  }

  private void requireComplete() {
    if (status() != FitStatus.COMPLETE) {
      throw new IllegalStateException(
          path
              + " holds no completed fit ("
              + status().name().toLowerCase()
              + ": "
              + problem()
              + ")");
    }
  }

  /**
   * A file of the completed fit, checked against the manifest now.
   *
   * @param relative the file, relative to the folder, e.g. {@code model.results}
   * @return its text (UTF-8)
   * @throws IllegalStateException if the fit is not complete, or the file is not listed or no
   *     longer matches the manifest
   */
  public synchronized String text(String relative) {
    requireComplete();
    return new String(state.files().verifiedBytes(relative), StandardCharsets.UTF_8);
  }

  /**
   * The fit's headline figures.
   *
   * @return the summary
   * @throws IllegalStateException if the fit is not complete
   */
  public synchronized FitSummary summary() {
    requireComplete();
    if (summary == null) {
      summary =
          kind() == FitKind.EP
              ? SummaryReader.ep(keptJson("files/ep_summary.json"), path)
              : SummaryReader.search(keptJson("files/samples_summary.json"), path);
    }
    return summary;
  }

  /**
   * The marginal summaries of the free parameters, in the model's order.
   *
   * @return the summaries
   * @throws IllegalStateException if the fit is not complete
   */
  public synchronized List<ParameterSummary> parameters() {
    requireComplete();
    if (parameters == null) {
      parameters =
          Collections.unmodifiableList(
              kind() == FitKind.EP
                  ? SummaryReader.meanField(
                      keptJson("mean_field.json").path("parameters"), Map.of())
                  : SummaryReader.searchParameters(keptJson("files/samples_summary.json")));
    }
    return parameters;
  }

  /**
   * The summary of one free parameter.
   *
   * @param path its path, e.g. {@code centre}
   * @return the summary, empty if the fit has no free parameter of that path
   * @throws IllegalStateException if the fit is not complete
   */
  public Optional<ParameterSummary> parameter(String path) {
    for (ParameterSummary parameter : parameters()) {
      if (parameter.path().equals(path)) {
        return Optional.of(parameter);
      }
    }
    return Optional.empty();
  }

  /**
   * The summaries of the derived quantities the analysis computed from every sample (its latent
   * variables), from {@code files/latent_summary.json}.
   *
   * @return the summaries in the analysis's order, empty if the fit recorded none
   * @throws IllegalStateException if the fit is not complete
   */
  public synchronized List<DerivedSummary> derived() {
    requireComplete();
    if (derived == null) {
      derived =
          keeps("files/latent_summary.json")
              ? Collections.unmodifiableList(
                  SummaryReader.derived(keptJson("files/latent_summary.json")))
              : List.of();
    }
    return derived;
  }

  /**
   * The fit's factors: the one factor of a single search (named {@code ""}), the analyses of a
   * graph fit, and for expectation propagation every factor it updated, with its last status and
   * evidence term; each with its own folder's summaries where the fit writes one.
   *
   * @return the factors, in the fit's order
   * @throws IllegalStateException if the fit is not complete
   */
  public synchronized List<FactorSummary> factors() {
    requireComplete();
    if (factors == null) {
      factors = Collections.unmodifiableList(FactorReader.read(this));
    }
    return factors;
  }

  /**
   * One factor's folder, {@code factors/<name>/}: its summaries, files and, for a joint graph fit,
   * its typed result.
   *
   * @param name the factor's name, e.g. {@code dataset_0}
   * @return the factor's folder
   * @throws IllegalStateException if the fit is not complete
   * @throws IllegalArgumentException if the fit has no factor of that name with a folder (the
   *     message lists those it has)
   */
  public FactorFolder factor(String name) {
    List<String> named = new ArrayList<>();
    for (FactorSummary factor : factors()) {
      if (factor.folder() != null) {
        if (factor.name().equals(name)) {
          return new FactorFolder(this, factor);
        }
        named.add(factor.name());
      }
    }
    throw new IllegalArgumentException(
        path
            + (named.isEmpty()
                ? " has no factor folders (a single search has none, nor a fit written before"
                    + " factors had folders)"
                : " has no factor folder for '"
                    + name
                    + "'; its factors with folders are "
                    + named));
  }

  /**
   * The completed result, typed through the model the fit was made with: its samples, evidence,
   * cost and trust verdict, every file checked against the manifest.
   *
   * @param model the model (e.g. {@code GaussianModel.withDefaults()}); for a graph fit, the
   *     graph's {@code model()}
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the fit is not a completed search, or its samples are of other
   *     parameters than the model's
   */
  public <T> Result<T> result(Model<T> model) {
    return result(model.layout());
  }

  /**
   * The completed result, typed through the layout of the model the fit was made with.
   *
   * @param layout the model's layout
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the fit is not a completed search, or its samples are of other
   *     parameters than the model's
   */
  public <T> Result<T> result(ModelLayout<T> layout) {
    requireComplete();
    if (kind() == FitKind.EP) {
      throw new IllegalStateException(
          path
              + " holds an expectation propagation fit, which has no samples: read its parameters()"
              + " or load it with ExpectationPropagation.fit on the same graph");
    }
    OutputFolder folder = OutputFolder.at(path);
    if (!folder.isComplete()) {
      throw new IllegalStateException(path + " no longer holds a completed fit");
    }
    return folder.loadResult(layout);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
