package org.graphfit.aggregator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.graphfit.output.FitFiles;

/**
 * Checks one fit folder: reads its manifest, requires the result files every completed fit of its
 * kind writes, and checks every listed file against its size and SHA-256, keeping the small
 * summaries it reads on the way so that nothing is read twice. A folder without a manifest is
 * incomplete, unless it holds result files (then corrupt: they cannot be checked).
 */
final class FolderCheck {
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
          "files/latent_summary.json",
          "graph.txt",
          "mean_field.json");

  private FolderCheck() {}

  /**
   * What a check found.
   *
   * @param status the folder's status
   * @param problem why it is corrupt or incomplete, null when complete
   * @param manifestDigest the manifest's SHA-256, null without one
   * @param manifestBytes its size, -1 without one
   * @param manifestModified its modification time in nanoseconds, -1 without one
   * @param files the manifest's files of a completed fit, else null
   * @param kept the verified bytes of the kept files of a completed fit, else empty
   */
  record State(
      FitStatus status,
      String problem,
      String manifestDigest,
      long manifestBytes,
      long manifestModified,
      FitFiles files,
      Map<String, byte[]> kept) {

    /** This state turned corrupt for a reason: nothing of the folder is read any more. */
    State corrupt(String why) {
      return new State(
          FitStatus.CORRUPT, why, manifestDigest, manifestBytes, manifestModified, null, Map.of());
    }
  }

  /** Whether a listed file is kept in memory when the folder is checked. */
  static boolean keeps(String file) {
    return KEPT.contains(file)
        || (file.startsWith("factors/")
            && (file.endsWith("/files/samples_summary.json") || file.endsWith("/mean_field.json")));
  }

  /**
   * Checks a folder.
   *
   * @param path the fit folder
   * @param ep whether its start files say it is an expectation propagation fit
   */
  static State check(Path path, boolean ep) {
    long bytes = -1;
    long modified = -1;
    String digest = null;
    try {
      BasicFileAttributes attributes = manifestAttributes(path);
      if (attributes != null) {
        bytes = attributes.size();
        modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      }
      digest = FitFiles.manifestDigest(path);
      if (digest == null) {
        return withoutManifest(path, bytes, modified);
      }
      FitFiles files = FitFiles.read(path);
      Path manifest = path.resolve(FitFiles.MANIFEST);
      for (String file : ep ? EP_RESULT_FILES : SEARCH_RESULT_FILES) {
        if (!files.lists(file)) {
          throw new IllegalStateException(
              manifest
                  + " does not list "
                  + file
                  + ", which every completed "
                  + (ep ? "EP fit" : "search")
                  + " writes: it is damaged; delete the folder "
                  + path
                  + " to fit again");
        }
      }
      Map<String, byte[]> kept = new HashMap<>();
      for (String file : files.files().keySet()) {
        if (keeps(file)) {
          kept.put(file, files.verifiedBytes(file));
        } else {
          files.verify(file);
        }
      }
      return new State(FitStatus.COMPLETE, null, digest, bytes, modified, files, kept);
    } catch (IllegalStateException | UncheckedIOException e) {
      return new State(FitStatus.CORRUPT, e.getMessage(), digest, bytes, modified, null, Map.of());
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

  private static State withoutManifest(Path path, long bytes, long modified) {
    if (Files.exists(path.resolve(FitFiles.PENDING))) {
      return new State(
          FitStatus.INCOMPLETE,
          "its result was being written when it stopped (" + FitFiles.PENDING + ")",
          null,
          bytes,
          modified,
          null,
          Map.of());
    }
    List<String> present = new ArrayList<>();
    for (String file : List.of("model.results", "files/samples_summary.json", "mean_field.json")) {
      if (Files.exists(path.resolve(file))) {
        present.add(file);
      }
    }
    if (!present.isEmpty()) {
      return new State(
          FitStatus.CORRUPT,
          path
              + " holds the result files "
              + present
              + " but no "
              + FitFiles.MANIFEST
              + ", which a completed fit writes last, so they cannot be checked; delete the folder"
              + " to fit again",
          null,
          bytes,
          modified,
          null,
          Map.of());
    }
    return new State(
        FitStatus.INCOMPLETE,
        Files.exists(path.resolve("files/checkpoint.bin"))
            ? "no manifest: the fit is running or was interrupted (it resumes from its checkpoint)"
            : "no manifest: the fit is running or was interrupted before its first checkpoint",
        null,
        bytes,
        modified,
        null,
        Map.of());
  }
}
