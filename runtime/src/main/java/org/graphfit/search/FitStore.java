package org.graphfit.search;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

/**
 * A {@link SearchFolder} with what a fit that writes its own result files needs besides a search's
 * (expectation propagation writes its history, state and summaries): its own list of result files
 * checked against the manifest, its files read back checked, a damaged checkpoint set aside, and
 * atomic writes whose digests go into the manifest that {@link #complete()} writes last. Declared
 * here and implemented by the output package; opened through {@link Storage#of}.
 */
public interface FitStore extends SearchFolder {
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
   * Moves a damaged checkpoint aside ({@code .corrupt}) and says that the fit starts afresh.
   *
   * @param reason what is wrong with it
   */
  void discardCheckpoint(String reason);

  /**
   * Deletes a file of the folder, if it exists.
   *
   * @param relative the file, relative to the folder
   */
  void delete(String relative);

  /** Marks the folder as receiving a result: a fit killed before {@link #complete()} resumes. */
  void beginResult();

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
