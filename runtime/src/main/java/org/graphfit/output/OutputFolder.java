// Long because it is the whole protocol of a fit folder (lock, start files, pending marker,
// manifest, checkpoint, read-back), each public method documented with the files it touches; the
// rest lives beside it: FitNames (names and identifiers), FolderPaths (hook paths), Manifest
// (digests), SearchResultFiles (a search result's files).
package org.graphfit.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.HookLog;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.FitStore;
import org.graphfit.search.Result;

/**
 * The folder of one fit, {@code <root>/<name>/<identifier>/}, laid out as PyAutoFit users expect:
 * {@code model.info}, {@code model.results}, {@code search.summary}, and {@code files/} with {@code
 * model.json}, {@code data.json}, {@code search.json}, {@code fit.json} (name and tag), {@code
 * samples.csv}, {@code samples_summary.json}, while the fit runs {@code checkpoint.bin}, and last
 * {@code manifest.json}.
 *
 * <p><b>Identity.</b> The identifier hashes the model's structure, the data identity of every
 * factor ({@link org.graphfit.analysis.Analysis#dataIdentity()}), the search settings and the
 * user's tag, so the same fit of the same data always lands in the same folder, and a fit of other
 * data in another.
 *
 * <p><b>Integrity.</b> Every file is written atomically. {@code files/manifest.json}, written after
 * every other file of a completed fit, records each one's size and SHA-256, and its presence marks
 * the fit complete: loading checks every file against it and refuses a missing, truncated or
 * changed one with an error naming it. A result being written is marked by {@code
 * files/result.pending} until the manifest is in place, so a fit killed while writing its result
 * resumes (from its checkpoint, still present) and writes it again; result files without either
 * marker are an error, never silently refitted. Checkpoints carry their own digest ({@link
 * FileCheckpointStore}).
 *
 * <p><b>One writer.</b> A fit holds the folder's {@link FitLock} from before it reads the folder to
 * its last write ({@link #lock(Duration)}), which also removes the temporary files of killed
 * writes. An instance records the digests of the files it writes, for the manifest: use one per fit
 * run. Expectation propagation writes its own result files through the same methods.
 */
public final class OutputFolder {
  /** The result files of a search, whose presence without a manifest is an error. */
  static final List<String> SEARCH_RESULT_FILES =
      List.of("model.results", "search.summary", "files/samples.csv", "files/samples_summary.json");

  /** The files written when a fit starts, listed in every manifest. */
  static final List<String> START_FILES =
      List.of("model.info", "files/model.json", "files/data.json", "files/search.json");

  private static final String PENDING = "files/result.pending";

  /** The runtime's own files that come and go while a fit runs, never listed in a manifest. */
  private static final Set<String> TRANSIENT =
      Set.of(
          Manifest.FILE,
          PENDING,
          "files/" + FitLock.FILE,
          "files/checkpoint.bin",
          "files/history.bin");

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path folder;
  private final String fitJson;
  private final String modelJson;
  private final String dataJson;
  private final String searchJson;
  private final Map<String, Manifest.Entry> written = new LinkedHashMap<>();
  private final HookLog hooks = new HookLog();
  private Manifest manifest;

  private OutputFolder(
      Path folder, String fitJson, String modelJson, String dataJson, String searchJson) {
    this.folder = folder;
    this.fitJson = fitJson;
    this.modelJson = modelJson;
    this.dataJson = dataJson;
    this.searchJson = searchJson;
  }

  /**
   * The folder of a fit. The identifier is the first 32 hex digits of the SHA-256 of the JSON of
   * the model's description, of the data's description, of the search name and settings, and of the
   * tag.
   *
   * @param root the output root, e.g. {@code output}
   * @param name the fit's name, e.g. {@code seed/joint}: folders of letters, digits and {@code _ .
   *     -} separated by {@code /}, each other than {@code .} and {@code ..}
   * @param tag a user tag that distinguishes otherwise identical fits (may be empty)
   * @param modelDescription the model's structural description, in a stable order (e.g. {@link
   *     ModelLayout#description()}, to which expectation propagation adds a graph's hierarchies)
   * @param dataDescription what identifies the data of every factor, in a stable order (see {@link
   *     org.graphfit.analysis.DataIdentity#describe})
   * @param searchName the search's name
   * @param searchSettings the settings that determine the result, in a stable order
   * @return the folder (not yet created)
   * @throws IllegalArgumentException if the name is malformed or would leave the root
   */
  public static OutputFolder of(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      Map<String, Object> dataDescription,
      String searchName,
      Map<String, Object> searchSettings) {
    Path parent = FitNames.resolve(root, name);
    String modelJson = toJson(modelDescription);
    String dataJson = toJson(Map.of("data", dataDescription));
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("search", searchName);
    search.put("settings", searchSettings);
    String searchJson = toJson(search);
    String identifier =
        FitNames.identifier(modelJson, dataJson, searchJson, tag == null ? "" : tag);
    Map<String, Object> fit = new LinkedHashMap<>();
    fit.put("name", name);
    fit.put("tag", tag == null ? "" : tag);
    return new OutputFolder(
        parent.resolve(identifier), toJson(fit), modelJson, dataJson, searchJson);
  }

  /**
   * An existing fit folder, to read: {@link #isComplete(Collection)}, {@link #verifiedBytes} and
   * {@link #loadResult(ModelLayout)} work on it; writing its start files does not.
   *
   * @param folder the fit's folder, {@code <root>/<name>/<identifier>}
   * @return the folder
   */
  public static OutputFolder at(Path folder) {
    return new OutputFolder(folder, null, null, null, null);
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /**
   * The fit's folder.
   *
   * @return the path
   */
  public Path path() {
    return folder;
  }

  /**
   * Takes the folder's lock, creating the folder, and removes the temporary files that killed
   * writes left in it. Hold it from before reading the folder until the fit's last write.
   *
   * @param wait how long to wait for another fit writing the folder; zero to fail at once
   * @return the lock
   * @throws IllegalStateException if another process or thread writes the folder for longer than
   *     {@code wait}
   */
  public FitLock lock(Duration wait) {
    FitLock lock = FitLock.acquire(folder, wait);
    try {
      for (Path sub : subFolders()) {
        AtomicFiles.removeTemporaries(sub);
      }
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /** The folder and every folder below it, in a stable order. */
  private List<Path> subFolders() {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder + ": " + e, e);
    }
  }

  /**
   * The checkpoint store of this fit.
   *
   * @return the store in {@code files/checkpoint.bin}
   */
  public FileCheckpointStore checkpoint() {
    return new FileCheckpointStore(folder.resolve("files").resolve("checkpoint.bin"));
  }

  /**
   * Whether a completed search is stored here, every file checked against the manifest.
   *
   * @return true if the manifest is present and every file it lists is intact
   * @throws IllegalStateException see {@link #isComplete(Collection)}
   */
  public boolean isComplete() {
    return isComplete(SEARCH_RESULT_FILES);
  }

  /**
   * Whether a completed fit is stored here: its manifest is present, lists the start files and the
   * given result files, and every file it lists has the size and digest recorded. Call it holding
   * the folder's lock.
   *
   * @param resultFiles the files a completed fit of this kind writes, relative to the folder
   * @return true if so; false if no fit completed here and none of its result files exist (or they
   *     are those of a result whose writing was interrupted, to be written again)
   * @throws IllegalStateException if the manifest is empty or damaged, a file it lists is missing,
   *     truncated or changed, or result files exist without a manifest (it was deleted, or they
   *     were written by an earlier version); the message names the file and what to do
   */
  public boolean isComplete(Collection<String> resultFiles) {
    if (Files.exists(folder.resolve(Manifest.FILE))) {
      List<String> required = new ArrayList<>(START_FILES);
      required.addAll(resultFiles);
      Manifest read = Manifest.read(folder, required);
      read.verifyAll(folder);
      manifest = read;
      return true;
    }
    if (Files.exists(folder.resolve(PENDING))) {
      return false;
    }
    List<String> present = new ArrayList<>();
    for (String file : resultFiles) {
      if (Files.exists(folder.resolve(file))) {
        present.add(file);
      }
    }
    if (!present.isEmpty()) {
      throw new IllegalStateException(
          folder
              + " holds the result files "
              + present
              + " but no "
              + Manifest.FILE
              + ", which a completed fit writes last: it was deleted, or an earlier version of"
              + " GraphFit wrote the folder, so the files cannot be checked; delete the folder to"
              + " fit again");
    }
    return false;
  }

  /**
   * The content of a file of the completed fit, checked against the manifest.
   *
   * @param relative the file, relative to the folder, e.g. {@code files/samples.csv}
   * @return its bytes
   * @throws IllegalStateException if {@link #isComplete(Collection)} has not returned true, or the
   *     file no longer matches the manifest
   */
  public byte[] verifiedBytes(String relative) {
    if (manifest == null) {
      throw new IllegalStateException(folder + " has not been checked as a completed fit");
    }
    return manifest.verifiedBytes(folder, relative);
  }

  /**
   * Deletes what a fit killed after writing its manifest left behind: the checkpoint and the
   * pending-result marker. Call it holding the lock, once {@link #isComplete} returned true.
   *
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public void removeLeftovers() {
    delete(PENDING);
    delete("files/checkpoint.bin");
  }

  /**
   * Deletes a file of the folder, if it exists.
   *
   * @param relative the file, relative to the folder
   * @throws UncheckedIOException if it cannot be deleted
   */
  public void delete(String relative) {
    try {
      Files.deleteIfExists(folder.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + folder.resolve(relative), e);
    }
  }

  /**
   * Writes the files known before the fit starts: {@code model.info}, {@code files/model.json},
   * {@code files/data.json}, {@code files/search.json} and {@code files/fit.json} (the fit's name
   * and tag, which the identifier covers but does not show).
   *
   * @param modelInfo the text of {@code model.info}
   * @throws IllegalStateException if this folder was opened to read ({@link #at(Path)})
   */
  public void writeStart(String modelInfo) {
    if (modelJson == null) {
      throw new IllegalStateException(
          folder + " was opened to read its files; make it with OutputFolder.of to write a fit");
    }
    write("model.info", modelInfo);
    write("files/model.json", modelJson);
    write("files/data.json", dataJson);
    write("files/search.json", searchJson);
    write("files/fit.json", fitJson);
  }

  /**
   * Writes a file of the fit atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to the folder
   * @param content its bytes
   */
  public void write(String relative, byte[] content) {
    AtomicFiles.write(folder.resolve(relative), content);
    synchronized (written) {
      written.put(relative, Manifest.Entry.of(content));
    }
  }

  /**
   * The record of this fit's hook failures (see {@link FitPaths#hooks()}).
   *
   * @return the record
   */
  public HookLog hooks() {
    return hooks;
  }

  /** Writes {@code files/hooks.json}: the hook failures recorded so far. */
  public void writeHookFailures() {
    write("files/hooks.json", toJson(Map.of("failures", hooks.failures())));
  }

  /**
   * Whether a file of the folder exists.
   *
   * @param relative the file, relative to the folder
   * @return true if it exists
   */
  public boolean exists(String relative) {
    return Files.exists(folder.resolve(relative));
  }

  /**
   * Where a fit's hooks write: this folder ({@code sub} empty) or a sub-folder of it, e.g. {@code
   * factors/dataset_0} (see {@link FitPaths#factorFolders(List)}). Files written through it, or
   * placed below its folder by other atomic writers, are listed in the manifest.
   *
   * @param sub the sub-folder, relative to this folder, or empty
   * @return the paths
   * @throws IllegalArgumentException if {@code sub} is malformed or would leave the folder
   */
  public FitPaths paths(String sub) {
    if (!sub.isEmpty()) {
      FitNames.checkRelative(sub);
    }
    return new FolderPaths(this, sub.isEmpty() ? "" : sub + "/");
  }

  /** Records every file below the folder that no write of this instance recorded. */
  private void recordUnlisted() {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder + ": " + e, e);
    }
    for (Path file : files) {
      String relative = folder.relativize(file).toString().replace(File.separatorChar, '/');
      String name = file.getFileName().toString();
      boolean temporary = name.startsWith(".") && name.endsWith(".tmp");
      if (temporary
          || name.endsWith(".corrupt")
          || TRANSIENT.contains(relative)
          || written.containsKey(relative)) {
        continue;
      }
      try {
        written.put(relative, Manifest.Entry.of(Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file + ": " + e, e);
      }
    }
  }

  /**
   * Writes a file of the fit atomically from a stream and records its size and digest for the
   * manifest, computed as it is written: for content too large to hold in memory at once.
   *
   * @param relative the file, relative to the folder
   * @param content writes its bytes
   */
  public void write(String relative, FitStore.Content content) {
    written.put(relative, Manifest.Entry.written(folder.resolve(relative), content));
  }

  /**
   * Records for the manifest a file of the fit written by other means, such as an append-only file
   * whose writer kept its size and digest.
   *
   * @param relative the file, relative to the folder
   * @param bytes its size
   * @param sha256 its SHA-256
   */
  public void recordWritten(String relative, long bytes, byte[] sha256) {
    written.put(relative, new Manifest.Entry(bytes, HexFormat.of().formatHex(sha256)));
  }

  /**
   * Writes a UTF-8 text file of the fit atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to the folder
   * @param text its content
   */
  public void write(String relative, String text) {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Marks the folder as receiving a result ({@code files/result.pending}): until {@link
   * #completeResult()}, a fit killed while writing its result files resumes and writes them again.
   * Deletes a {@code report.html} that an interrupted earlier run wrote.
   */
  public void beginResult() {
    AtomicFiles.write(folder.resolve(PENDING), new byte[0]);
    // a report of an interrupted earlier run would be kept as if a hook had written it
    delete("report.html");
  }

  /**
   * Completes a result: writes the manifest of every file written through this instance (the start
   * files included) and of every other file below the folder (what hooks wrote: pictures, data,
   * factor folders), except the checkpoint, history, lock, pending marker and temporary files; then
   * deletes the checkpoint and the pending-result marker.
   *
   * @throws IllegalStateException if a start file was not written by this instance
   */
  public void completeResult() {
    for (String file : START_FILES) {
      if (!written.containsKey(file)) {
        throw new IllegalStateException("the fit in " + folder + " did not write " + file);
      }
    }
    byte[] manifestBytes;
    synchronized (written) {
      recordUnlisted();
      manifestBytes = Manifest.of(folder.getFileName().toString(), written).toBytes();
    }
    AtomicFiles.write(folder.resolve(Manifest.FILE), manifestBytes);
    delete("files/checkpoint.bin");
    delete(PENDING);
  }

  /**
   * Writes a completed search result: {@code model.results}, {@code search.summary}, {@code
   * files/samples.csv}, {@code files/samples_summary.json}, then the manifest (see {@link
   * #beginResult()} and {@link #completeResult()}).
   *
   * @param result the result
   */
  public void writeResult(Result<?> result) {
    beginResult();
    writeResultFiles(result);
    completeResult();
  }

  /**
   * Writes a search result's files, {@code model.results}, {@code search.summary}, {@code
   * files/samples.csv} and {@code files/samples_summary.json}, between {@link #beginResult()} and
   * {@link #completeResult()}.
   *
   * @param result the result
   */
  public void writeResultFiles(Result<?> result) {
    SearchResultFiles.of(result).forEach(this::write);
  }

  /**
   * The files of a result as PyAutoFit writes them for each analysis of a combined fit ({@code
   * analyses/analysis_<i>/}): {@code model.results}, {@code files/samples.csv} and {@code
   * files/samples_summary.json}, relative to the folder they go to; a graph writes one set per
   * factor, of the factor's view of the joint result.
   *
   * @param result the result
   * @return the files' names and contents, in the order to write them
   */
  public static Map<String, String> resultFiles(Result<?> result) {
    return SearchResultFiles.ofFactor(result);
  }

  /**
   * Encodes a value as indented JSON followed by a newline.
   *
   * @param value maps, lists, strings, numbers, booleans and nulls
   * @return the text
   */
  public static String json(Object value) {
    return toJson(value);
  }

  /**
   * Loads the completed result stored here, its files checked against the manifest.
   *
   * @param layout the model the fit was made with (same identifier, hence same layout)
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the folder holds no completed fit, a file is damaged, or the
   *     samples are of other parameters than the model's
   */
  public <T> Result<T> loadResult(ModelLayout<T> layout) {
    return loadResult(layout, List.of());
  }

  /**
   * Loads the completed result stored here with its derived quantities, if {@code files/latent.csv}
   * holds exactly the quantities named (a fit written before the analysis declared them has none;
   * the caller computes them).
   *
   * @param layout the model the fit was made with (same identifier, hence same layout)
   * @param derivedNames the analysis's derived quantity names, possibly none
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the folder holds no completed fit, a file is damaged, or the
   *     samples are of other parameters than the model's
   */
  public <T> Result<T> loadResult(ModelLayout<T> layout, List<String> derivedNames) {
    if (manifest == null && !isComplete()) {
      throw new IllegalStateException(folder + " holds no completed fit");
    }
    return SearchResultFiles.read(this, layout, derivedNames);
  }

  /** Whether the manifest of the completed fit lists a file. */
  boolean lists(String relative) {
    return manifest.lists(relative);
  }
}
