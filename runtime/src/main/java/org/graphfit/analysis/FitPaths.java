package org.graphfit.analysis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where an analysis's hooks write during a fit with an output folder: the fit's folder, or for a
 * factor of a graph its sub-folder {@code factors/<name>/}. Everything written below {@link
 * #folder()} is listed, with its size and SHA-256, in the fit's {@code files/manifest.json} once
 * the fit completes, so write each file atomically: through {@link #write(String, byte[])}, or to a
 * path under {@link #image()} or {@link #dataset()} with a writer that renames a temporary file
 * into place (such as {@code org.graphfit.output.AtomicFiles} and the plot module's figures).
 */
public interface FitPaths {
  /**
   * The folder this hook writes to: the fit's, or a factor's.
   *
   * @return the folder (it exists)
   */
  Path folder();

  /**
   * The folder for pictures, {@code image/} of {@link #folder()}.
   *
   * @return the folder, created if missing
   */
  Path image();

  /**
   * The folder for a copy of the data, {@code files/dataset/} of {@link #folder()}.
   *
   * @return the folder, created if missing
   */
  Path dataset();

  /**
   * Writes a file atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to {@link #folder()}, e.g. {@code files/dataset/data.json}:
   *     folders of letters, digits and {@code _ . -} separated by {@code /}
   * @param content its bytes
   * @throws IllegalArgumentException if the name is malformed or would leave the folder
   */
  void write(String relative, byte[] content);

  /**
   * Writes a UTF-8 text file atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to {@link #folder()}
   * @param text its content
   * @throws IllegalArgumentException if the name is malformed or would leave the folder
   */
  void write(String relative, String text);

  /**
   * The paths of a sub-folder, e.g. a graph factor's {@code factors/dataset_0}; what is written
   * there is listed in the same manifest.
   *
   * @param relative the sub-folder, relative to {@link #folder()}
   * @return its paths
   * @throws IllegalArgumentException if the name is malformed or would leave the folder
   */
  FitPaths child(String relative);

  /**
   * The record of this fit's hook failures, for an analysis that calls other analyses' hooks (a
   * graph calls its factors'): call them through it so one failing hook does not stop the others.
   *
   * @return the fit's record
   */
  HookLog hooks();

  /**
   * The sub-folders of a graph's factors under {@code factors}{@code /}, one per name, in the same
   * order: each name with every character other than a letter, digit, {@code _ . -} replaced by
   * {@code _}, a leading {@code .} prefixed by {@code _}, cut to 80 characters (with a digest of
   * the name appended) and, where two names would give folders that differ only in case, the later
   * given {@code _2}, {@code _3}, ..., so every factor has a folder of its own inside {@code
   * factors}{@code /} on every file system.
   *
   * @param names the factor names, distinct
   * @return the relative folders, e.g. {@code factors/dataset_0}
   */
  static List<String> factorFolders(List<String> names) {
    List<String> folders = new ArrayList<>(names.size());
    Set<String> taken = new HashSet<>();
    for (String name : names) {
      String safe = name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
      if (safe.isEmpty() || safe.startsWith(".")) {
        safe = "_" + safe;
      }
      if (safe.length() > 80) {
        safe = safe.substring(0, 71) + "_" + digest(name);
      }
      String candidate = safe;
      for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
        candidate = safe + "_" + n;
      }
      folders.add("factors/" + candidate);
    }
    return folders;
  }

  /** The first 8 hex digits of the SHA-256 of a name, to keep cut names distinct. */
  private static String digest(String name) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
