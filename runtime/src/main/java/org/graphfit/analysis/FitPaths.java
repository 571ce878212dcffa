package org.graphfit.analysis;

import java.nio.file.Path;

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
}
