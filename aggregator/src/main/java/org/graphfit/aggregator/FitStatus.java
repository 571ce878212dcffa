package org.graphfit.aggregator;

/** Whether a fit folder holds a result that can be read. */
public enum FitStatus {
  /** The manifest is present and every file it lists has the size and SHA-256 recorded. */
  COMPLETE,
  /**
   * No manifest, and no result files without one: the fit is running, or was interrupted and
   * resumes when run again.
   */
  INCOMPLETE,
  /**
   * The folder cannot be trusted: its manifest is damaged or of another folder, a file it lists is
   * missing, truncated or changed, or result files exist without a manifest. Never read as a
   * result; {@link FitFolder#problem()} says what is wrong.
   */
  CORRUPT
}
