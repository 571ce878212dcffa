package org.graphfit.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.graphfit.analysis.FitPaths;
import org.graphfit.model.ModelLayout;

/**
 * The output folder of one fit, {@code <root>/<name>/<identifier>/}, as a search uses it: what a
 * fit of a search needs to load a completed fit, resume an interrupted one and write its result
 * with a manifest. The output package implements it; a search opens one through {@link Storage#of},
 * so that this package does not depend on how files are written.
 */
public interface SearchFolder {
  /**
   * The fit's folder.
   *
   * @return the path
   */
  Path path();

  /**
   * Takes the folder's lock, creating the folder. Hold it from before reading the folder until the
   * fit's last write.
   *
   * @param wait how long to wait for another fit writing the folder; zero to fail at once
   * @return the lock, released by {@link Lock#close()}
   * @throws IllegalStateException if another process or thread writes the folder for longer than
   *     {@code wait}
   */
  Lock lock(Duration wait);

  /**
   * Whether a completed fit is stored here, every file checked against its manifest.
   *
   * @return true if so; false if no fit completed here
   * @throws IllegalStateException if the folder is damaged; the message names the file and what to
   *     do
   */
  boolean isComplete();

  /**
   * Reads the completed fit's result back, every file checked against its manifest.
   *
   * @param layout the model's layout
   * @param derivedNames the names of the analysis's derived quantities, whose samples are read back
   *     when stored
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if a file is damaged or belongs to another model
   */
  <T> Result<T> loadResult(ModelLayout<T> layout, List<String> derivedNames);

  /**
   * Removes what a completed fit no longer needs (its checkpoint, an interrupted write's marks).
   */
  void removeLeftovers();

  /**
   * Writes the files known before the fit starts (the model, data and settings that the identifier
   * hashes, and {@code model.info}).
   *
   * @param modelInfo the text of {@code model.info}
   */
  void writeStart(String modelInfo);

  /**
   * Where the analysis's hooks write: this folder.
   *
   * @return the paths
   */
  FitPaths paths();

  /**
   * The store of this fit's checkpoint.
   *
   * @return the store
   */
  CheckpointStore checkpoint();

  /**
   * Marks the folder as receiving a result and writes the result's files; a fit killed before
   * {@link #complete()} writes them again.
   *
   * @param result the result
   */
  void writeResult(Result<?> result);

  /**
   * Whether a file of the folder exists.
   *
   * @param relative the file, relative to the folder
   * @return true if it exists
   */
  boolean exists(String relative);

  /**
   * Completes the fit: records the hooks that failed, writes the manifest of every file below the
   * folder and removes the checkpoint.
   */
  void complete();

  /**
   * The format of a result's files, for an analysis that saves results ({@link ResultSaver}).
   *
   * @return the format
   */
  ResultFiles resultFiles();

  /** A folder's lock: held until closed. */
  interface Lock extends AutoCloseable {
    /** Releases the lock. */
    @Override
    void close();
  }
}
