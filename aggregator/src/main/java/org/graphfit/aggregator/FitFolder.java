package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.FitFiles;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
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

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> SEARCH_RESULT_FILES =
      List.of("model.results", "search.summary", "files/samples.csv", "files/samples_summary.json");
  private static final List<String> EP_RESULT_FILES =
      List.of(
          "graph.txt",
          "ep_history.csv",
          "mean_field.json",
          "files/ep_result.bin",
          "files/ep_summary.json");

  /** The files kept in memory when the folder is checked, for the summaries. */
  private static final Set<String> KEPT =
      Set.of(
          "files/model.json",
          "files/data.json",
          "files/search.json",
          "files/fit.json",
          "files/samples_summary.json",
          "files/ep_summary.json",
          "mean_field.json");

  private final Path root;
  private final Path path;
  private final String name;

  private FitStatus status;
  private String problem;
  private String manifestDigest;
  private long manifestBytes = -1;
  private long manifestModified = -1;
  private FitFiles files;
  private Map<String, byte[]> kept = Map.of();
  private JsonNode model;
  private JsonNode search;
  private JsonNode fit;
  private FitKind kind;
  private FitSummary summary;
  private List<ParameterSummary> parameters;
  private List<FactorSummary> factors;

  FitFolder(Path root, Path path) {
    this.root = root;
    this.path = path;
    Path relative = root.relativize(path.getParent());
    List<String> segments = new ArrayList<>();
    relative.forEach(segment -> segments.add(segment.toString()));
    this.name = String.join("/", segments);
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
      JsonNode fit = JSON.readTree(absolute.resolve("files/fit.json").toFile());
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
  public String name() {
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
    if (status == null) {
      check();
    }
    return status;
  }

  /**
   * What is wrong with a corrupt folder, or why an incomplete one is incomplete.
   *
   * @return the message naming the file and what to do, or null for a completed fit
   */
  public synchronized String problem() {
    status();
    return problem;
  }

  /**
   * The SHA-256 of the folder's manifest when {@link #status()} read it: it changes whenever the
   * fit's files do.
   *
   * @return the hex digest, or null without a manifest
   */
  public synchronized String manifestDigest() {
    status();
    return manifestDigest;
  }

  private void check() {
    Path manifest = path.resolve(FitFiles.MANIFEST);
    try {
      BasicFileAttributes attributes = manifestAttributes(path);
      if (attributes != null) {
        manifestBytes = attributes.size();
        manifestModified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      }
      manifestDigest = FitFiles.manifestDigest(path);
      if (manifestDigest == null) {
        checkWithoutManifest();
        return;
      }
      files = FitFiles.read(path);
      List<String> required = isEp() ? EP_RESULT_FILES : SEARCH_RESULT_FILES;
      for (String file : required) {
        if (!files.lists(file)) {
          throw new IllegalStateException(
              manifest
                  + " does not list "
                  + file
                  + ", which every completed "
                  + (isEp() ? "EP fit" : "search")
                  + " writes: it is damaged; delete the folder "
                  + path
                  + " to fit again");
        }
      }
      Map<String, byte[]> read = new HashMap<>();
      for (String file : files.files().keySet()) {
        if (KEPT.contains(file)) {
          read.put(file, files.verifiedBytes(file));
        } else {
          files.verify(file);
        }
      }
      kept = read;
      status = FitStatus.COMPLETE;
    } catch (IllegalStateException | UncheckedIOException e) {
      status = FitStatus.CORRUPT;
      problem = e.getMessage();
      files = null;
      kept = Map.of();
    }
  }

  /** The manifest's size and modification time, or null without one. */
  static BasicFileAttributes manifestAttributes(Path folder) {
    try {
      return Files.readAttributes(folder.resolve(FitFiles.MANIFEST), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read the attributes of " + folder.resolve(FitFiles.MANIFEST), e);
    }
  }

  /** The manifest's size when {@link #status()} read it, -1 without one. */
  synchronized long manifestBytes() {
    status();
    return manifestBytes;
  }

  /**
   * The manifest's modification time in nanoseconds when {@link #status()} read it, -1 without one.
   */
  synchronized long manifestModified() {
    status();
    return manifestModified;
  }

  private void checkWithoutManifest() {
    if (Files.exists(path.resolve(FitFiles.PENDING))) {
      status = FitStatus.INCOMPLETE;
      problem = "its result was being written when it stopped (" + FitFiles.PENDING + ")";
      return;
    }
    List<String> present = new ArrayList<>();
    for (String file : List.of("model.results", "files/samples_summary.json", "mean_field.json")) {
      if (Files.exists(path.resolve(file))) {
        present.add(file);
      }
    }
    if (!present.isEmpty()) {
      status = FitStatus.CORRUPT;
      problem =
          path
              + " holds the result files "
              + present
              + " but no "
              + FitFiles.MANIFEST
              + ", which a completed fit writes last, so they cannot be checked; delete the folder"
              + " to fit again";
      return;
    }
    status = FitStatus.INCOMPLETE;
    problem =
        Files.exists(path.resolve("files/checkpoint.bin"))
            ? "no manifest: the fit is running or was interrupted (it resumes from its checkpoint)"
            : "no manifest: the fit is running or was interrupted before its first checkpoint";
  }

  private boolean isEp() {
    return EP_SEARCH.equals(searchJson().path("search").asText());
  }

  /** A start file, verified for a completed fit, read as it is otherwise. */
  private byte[] startFile(String file) {
    byte[] bytes = kept.get(file);
    if (bytes != null) {
      return bytes;
    }
    try {
      return Files.readAllBytes(path.resolve(file));
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode parse(byte[] bytes, Path file) {
    if (bytes == null) {
      return JSON.missingNode();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private JsonNode searchJson() {
    if (search == null) {
      search = parse(startFile("files/search.json"), path.resolve("files/search.json"));
    }
    return search;
  }

  private synchronized JsonNode modelJson() {
    status();
    if (model == null) {
      model = parse(startFile("files/model.json"), path.resolve("files/model.json"));
    }
    return model;
  }

  private synchronized JsonNode fitJson() {
    status();
    if (fit == null) {
      fit = parse(startFile("files/fit.json"), path.resolve("files/fit.json"));
    }
    return fit;
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
        JsonNode data = parse(startFile("files/data.json"), path.resolve("files/data.json"));
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
    flatten("", searchJson().path("settings"), settings);
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
   * Marks a folder whose verified files cannot be read (a summary that is not what this version
   * writes) as corrupt.
   */
  synchronized void markCorrupt(String why) {
    status();
    status = FitStatus.CORRUPT;
    problem = why;
    files = null;
    kept = Map.of();
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        flatten(prefix + entry.getKey() + ".", entry.getValue(), into);
      }
    } else if (!node.isMissingNode()) {
      into.put(
          prefix.substring(0, prefix.length() - 1),
          node.isTextual() ? node.asText() : node.toString());
    }
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
    return status() == FitStatus.COMPLETE ? files.files() : Map.of();
  }

  private void requireComplete() {
    if (status() != FitStatus.COMPLETE) {
      throw new IllegalStateException(
          path
              + " holds no completed fit ("
              + status().name().toLowerCase()
              + ": "
              + problem
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
    return new String(files.verifiedBytes(relative), StandardCharsets.UTF_8);
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
      summary = kind() == FitKind.EP ? epSummary() : searchSummary();
    }
    return summary;
  }

  private JsonNode kept(String file) {
    return parse(kept.get(file), path.resolve(file));
  }

  private FitSummary searchSummary() {
    JsonNode json = kept("files/samples_summary.json");
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : json.path("diagnostics").properties()) {
      diagnostics.put(entry.getKey(), entry.getValue().asDouble());
    }
    List<Concern> concerns = new ArrayList<>();
    for (JsonNode concern : json.path("concerns")) {
      concerns.add(
          new Concern(check(concern.path("check").asText()), concern.path("message").asText()));
    }
    Double converged = diagnostics.get("converged");
    return new FitSummary(
        json.path("search").asText(),
        number(json.path("log_evidence")),
        number(json.path("log_evidence_error")),
        false,
        json.path("likelihood_calls").asLong(-1),
        json.path("failed_likelihood_calls").asLong(-1),
        number(json.path("seconds")),
        json.path("trustworthy").asBoolean(false),
        converged == null ? null : converged != 0.0,
        0,
        Collections.unmodifiableList(concerns),
        Collections.unmodifiableMap(diagnostics));
  }

  private Check check(String name) {
    try {
      return Check.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          path
              + " names the self-check "
              + name
              + ", which this version of GraphFit does not know: read it with the version that"
              + " wrote it",
          e);
    }
  }

  private FitSummary epSummary() {
    JsonNode json = kept("files/ep_summary.json");
    boolean converged = json.path("converged").asBoolean(false);
    List<Concern> concerns = new ArrayList<>();
    if (json.path("trustworthy").isBoolean()) {
      for (JsonNode concern : json.path("concerns")) {
        concerns.add(
            new Concern(check(concern.path("check").asText()), concern.path("message").asText()));
      }
      return epSummary(json, converged, json.path("trustworthy").asBoolean(), concerns);
    }
    // written before EP results carried their own verdict: converged with no failing factor
    if (!converged) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              "expectation propagation did not converge in "
                  + json.path("sweeps").asInt()
                  + " sweeps"));
    }
    List<String> failing = new ArrayList<>();
    json.path("failing_factors").forEach(factor -> failing.add(factor.asText()));
    if (!failing.isEmpty()) {
      concerns.add(new Concern(Check.CONVERGENCE, "factors failed in the last sweep: " + failing));
    }
    return epSummary(json, converged, concerns.isEmpty(), concerns);
  }

  private static FitSummary epSummary(
      JsonNode json, boolean converged, boolean trustworthy, List<Concern> concerns) {
    return new FitSummary(
        EP_SEARCH,
        number(json.path("log_evidence")),
        Double.NaN,
        json.path("log_evidence_approximate").asBoolean(true),
        -1,
        -1,
        number(json.path("seconds")),
        trustworthy,
        converged,
        json.path("sweeps").asInt(),
        Collections.unmodifiableList(concerns),
        Map.of());
  }

  private static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.NaN;
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
          Collections.unmodifiableList(kind() == FitKind.EP ? epParameters() : searchParameters());
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

  private List<ParameterSummary> searchParameters() {
    JsonNode json = kept("files/samples_summary.json");
    List<ParameterSummary> list = new ArrayList<>();
    JsonNode names = json.path("names");
    for (int i = 0; i < names.size(); i++) {
      list.add(
          new ParameterSummary(
              names.get(i).asText(),
              number(json.path("median_pdf_vector").path(i)),
              Double.NaN,
              Double.NaN,
              number(json.path("errors_at_1_sigma").path(i)),
              number(json.path("errors_at_3_sigma").path(i)),
              number(json.path("max_log_likelihood_vector").path(i))));
    }
    return list;
  }

  private List<ParameterSummary> epParameters() {
    JsonNode json = kept("mean_field.json");
    List<ParameterSummary> list = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : json.path("parameters").properties()) {
      JsonNode value = entry.getValue();
      list.add(
          new ParameterSummary(
              entry.getKey(),
              Double.NaN,
              number(value.path("mean")),
              number(value.path("sd")),
              Double.NaN,
              Double.NaN,
              Double.NaN));
    }
    return list;
  }

  /**
   * The fit's factors: the one factor of a single search (named {@code ""}), the analyses of a
   * graph fit, and for expectation propagation every factor it updated, with its last status and
   * evidence term.
   *
   * @return the factors, in the fit's order
   * @throws IllegalStateException if the fit is not complete
   */
  public synchronized List<FactorSummary> factors() {
    requireComplete();
    if (factors == null) {
      factors = Collections.unmodifiableList(readFactors());
    }
    return factors;
  }

  private List<FactorSummary> readFactors() {
    Map<String, Map<String, String>> slots = slotsByFactor();
    List<FactorSummary> list = new ArrayList<>();
    switch (kind()) {
      case SEARCH ->
          list.add(new FactorSummary("", FactorKind.FIT, null, Double.NaN, slots.get("")));
      case GRAPH -> {
        for (Map.Entry<String, Map<String, String>> entry : slots.entrySet()) {
          list.add(
              new FactorSummary(
                  entry.getKey(), FactorKind.LIKELIHOOD, null, Double.NaN, entry.getValue()));
        }
      }
      case EP -> {
        Set<String> likelihoods = new HashSet<>();
        kept("files/data.json").path("data").fieldNames().forEachRemaining(likelihoods::add);
        Set<String> hierarchies = new HashSet<>();
        for (JsonNode hierarchy : modelJson().path("hierarchies")) {
          hierarchies.add(hierarchy.path("name").asText());
        }
        Map<String, Double> terms = lastEvidenceTerms();
        for (Map.Entry<String, JsonNode> entry :
            kept("mean_field.json").path("statuses").properties()) {
          String factor = entry.getKey();
          FactorKind factorKind;
          if (factor.startsWith("prior:")) {
            factorKind = FactorKind.PRIOR;
          } else if (likelihoods.contains(factor)) {
            factorKind = FactorKind.LIKELIHOOD;
          } else {
            factorKind = FactorKind.HIERARCHY;
          }
          Map<String, String> own =
              slots.getOrDefault(hierarchyOrSelf(factor, hierarchies), Map.of());
          list.add(
              new FactorSummary(
                  factor,
                  factorKind,
                  entry.getValue().asText(),
                  terms.getOrDefault(factor, Double.NaN),
                  factorKind == FactorKind.LIKELIHOOD ? own : Map.of()));
        }
      }
      default -> throw new IllegalStateException("unknown kind " + kind());
    }
    return list;
  }

  private static String hierarchyOrSelf(String factor, Set<String> hierarchies) {
    int bracket = factor.indexOf('[');
    return bracket > 0 && hierarchies.contains(factor.substring(0, bracket))
        ? factor.substring(0, bracket)
        : factor;
  }

  /**
   * The factors' own parameter names to the fit's parameter paths, from the model's slots: a graph
   * slot {@code dataset_1.centre} is factor {@code dataset_1}'s {@code centre}; a single search has
   * one factor, {@code ""}, whose names are the paths.
   */
  private Map<String, Map<String, String>> slotsByFactor() {
    Map<String, Map<String, String>> slots = new LinkedHashMap<>();
    boolean single = kind() == FitKind.SEARCH;
    for (JsonNode parameter : modelJson().path("free_parameters")) {
      String owner = parameter.path("path").asText();
      for (JsonNode slot : parameter.path("slots")) {
        String text = slot.asText();
        int dot = text.indexOf('.');
        String factor = single || dot < 0 ? "" : text.substring(0, dot);
        String local = single || dot < 0 ? text : text.substring(dot + 1);
        slots.computeIfAbsent(factor, f -> new LinkedHashMap<>()).putIfAbsent(local, owner);
      }
    }
    slots.putIfAbsent("", Map.of());
    if (!single) {
      slots.remove("");
    }
    return slots;
  }

  /** Each factor's evidence term in its last successful update, from {@code ep_history.csv}. */
  private Map<String, Double> lastEvidenceTerms() {
    Map<String, Double> terms = new HashMap<>();
    // checked against the manifest with every other file by status(); streamed, as it can be large
    try (Reader reader =
        Files.newBufferedReader(path.resolve("ep_history.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord row :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        if (row.get("status").equals("OK")) {
          terms.put(row.get("factor"), Double.parseDouble(row.get("log_evidence_term")));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          path.resolve("ep_history.csv") + " cannot be read as the EP history: " + e.getMessage(),
          e);
    }
    return terms;
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
