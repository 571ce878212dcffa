package org.graphfit.search;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.graphfit.analysis.FitPaths;
import org.graphfit.model.ModelLayout;

/**
 * The folder one fit is stored in, as searches and expectation propagation use it: one writer at a
 * time ({@link #lock}), atomic writes whose digests go into a manifest written last ({@link
 * #completeResult()}), a checkpoint, and the completed fit's files read back checked against that
 * manifest. Declared here and implemented by the output package ({@code
 * org.graphfit.output.OutputFolder}), opened through {@link Storage#folder}, so that no package
 * below the output one depends on it. An instance records the digests of the files it writes: use
 * one per fit run.
 */
public interface FitStore {
  /**
   * The fit's folder.
   *
   * @return the path
   */
  Path path();

  /**
   * Where a fit's hooks write: this folder ({@code sub} empty) or a sub-folder of it.
   *
   * @param sub the sub-folder, relative to this folder, or empty
   * @return the paths
   * @throws IllegalArgumentException if {@code sub} is malformed or would leave the folder
   */
  FitPaths paths(String sub);

  /**
   * Takes the folder's lock, creating the folder, and removes the temporary files that killed
   * writes left in it. Hold it from before reading the folder until the fit's last write.
   *
   * @param wait how long to wait for another fit writing the folder; zero to fail at once
   * @return the lock, released by {@link Lock#close()}
   * @throws IllegalStateException if another process or thread writes the folder for longer than
   *     {@code wait}
   */
  Lock lock(Duration wait);

  /**
   * The checkpoint store of this fit, {@code files/checkpoint.bin}.
   *
   * @return the store
   */
  CheckpointStore checkpoint();

  /**
   * Moves a damaged checkpoint aside ({@code .corrupt}) and says that the fit starts afresh.
   *
   * @param reason what is wrong with it
   */
  void discardCheckpoint(String reason);

  /**
   * Whether a completed search is stored here, every file checked against the manifest.
   *
   * @return true if the manifest is present and every file it lists is intact
   * @throws IllegalStateException see {@link #isComplete(Collection)}
   */
  boolean isComplete();

  /**
   * Whether a completed fit is stored here: its manifest is present, lists the start files and the
   * given result files, and every file it lists is intact. Call it holding the folder's lock.
   *
   * @param resultFiles the files a completed fit of this kind writes, relative to the folder
   * @return true if so; false if no fit completed here
   * @throws IllegalStateException if the manifest is damaged, a file it lists is missing or
   *     changed, or result files exist without a manifest
   */
  boolean isComplete(Collection<String> resultFiles);

  /**
   * The content of a file of the completed fit, checked against the manifest.
   *
   * @param relative the file, relative to the folder
   * @return its bytes
   * @throws IllegalStateException if the fit was not found complete, or the file changed
   */
  byte[] verifiedBytes(String relative);

  /**
   * Loads the completed search result stored here, its files checked against the manifest.
   *
   * @param layout the model the fit was made with
   * @param derivedNames the analysis's derived quantity names, possibly none
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the folder holds no completed fit or a file is damaged
   */
  <T> Result<T> loadResult(ModelLayout<T> layout, List<String> derivedNames);

  /** Deletes what a fit killed after writing its manifest left behind. */
  void removeLeftovers();

  /**
   * Whether a file of the folder exists.
   *
   * @param relative the file, relative to the folder
   * @return true if it exists
   */
  boolean exists(String relative);

  /**
   * Deletes a file of the folder, if it exists.
   *
   * @param relative the file, relative to the folder
   */
  void delete(String relative);

  /**
   * Writes the files known before the fit starts ({@code model.info} and the identity files).
   *
   * @param modelInfo the text of {@code model.info}
   */
  void writeStart(String modelInfo);

  /** Marks the folder as receiving a result, until {@link #completeResult()}. */
  void beginResult();

  /**
   * Writes a search result's files between {@link #beginResult()} and {@link #completeResult()}.
   *
   * @param result the result
   */
  void writeResultFiles(Result<?> result);

  /**
   * Writes a file of the fit atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to the folder
   * @param content its bytes
   */
  void write(String relative, byte[] content);

  /**
   * Writes a UTF-8 text file of the fit atomically and records its digest for the manifest.
   *
   * @param relative the file, relative to the folder
   * @param text its content
   */
  void write(String relative, String text);

  /**
   * Writes a file of the fit atomically from a stream and records its size and digest for the
   * manifest: for content too large to hold in memory at once.
   *
   * @param relative the file, relative to the folder
   * @param content writes its bytes
   */
  void write(String relative, Content content);

  /**
   * Records for the manifest a file written by other means, such as an append-only file whose
   * writer kept its size and digest.
   *
   * @param relative the file, relative to the folder
   * @param bytes its size
   * @param sha256 its SHA-256
   */
  void recordWritten(String relative, long bytes, byte[] sha256);

  /** Writes {@code files/hooks.json}: the hook failures recorded so far. */
  void writeHookFailures();

  /** Writes the manifest, which marks the fit complete, and deletes the checkpoint. */
  void completeResult();

  /** The folder's lock, held by one fit at a time. */
  interface Lock extends AutoCloseable {
    /** Releases the lock. */
    @Override
    void close();
  }

  /** Writes a file's content to a stream. */
  @FunctionalInterface
  interface Content {
    /**
     * Writes the content.
     *
     * @param out the stream, buffered; not to be closed
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }
}
