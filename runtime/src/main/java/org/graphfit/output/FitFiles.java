package org.graphfit.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only view of a completed fit's files as its manifest ({@code files/manifest.json}) records
 * them, for tools that read many folders without the model they were fitted with (the aggregator).
 * Every read goes through the same checks as loading a fit: a file that is missing, truncated or
 * changed is an error naming it.
 */
public final class FitFiles {
  /** The manifest's path in a fit folder. */
  public static final String MANIFEST = Manifest.FILE;

  /** The marker of a result being written, present until the manifest is. */
  public static final String PENDING = "files/result.pending";

  private final Path folder;
  private final Manifest manifest;

  /** A file's size and SHA-256 as the manifest records them. */
  public record Listed(long bytes, String sha256) {}

  private FitFiles(Path folder, Manifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
  }

  /**
   * The SHA-256 of a folder's manifest file, which changes whenever the fit's files do: a cheap
   * test of whether a folder changed since it was last read.
   *
   * @param folder the fit's folder
   * @return the hex digest, or null if the folder has no manifest
   * @throws UncheckedIOException if the manifest exists but cannot be read
   */
  public static String manifestDigest(Path folder) {
    try {
      return Manifest.sha256(Files.readAllBytes(folder.resolve(MANIFEST)));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + folder.resolve(MANIFEST) + ": " + e, e);
    }
  }

  /**
   * Reads a folder's manifest and checks that it is of this folder and lists the files every fit
   * writes when it starts. The files themselves are not read: see {@link #verifyAll()}.
   *
   * @param folder the fit's folder
   * @return its files
   * @throws IllegalStateException if the manifest is empty, damaged, of another folder or does not
   *     list a start file; the message names the file and what to do
   * @throws UncheckedIOException if the manifest cannot be read (a missing one included)
   */
  public static FitFiles read(Path folder) {
    return new FitFiles(folder, Manifest.read(folder, OutputFolder.START_FILES));
  }

  /**
   * The fit's folder.
   *
   * @return the path
   */
  public Path folder() {
    return folder;
  }

  /**
   * The files the manifest lists, in the order they were written.
   *
   * @return file (relative to the folder) to size and digest
   */
  public Map<String, Listed> files() {
    Map<String, Listed> files = new LinkedHashMap<>();
    manifest
        .entries()
        .forEach((name, entry) -> files.put(name, new Listed(entry.bytes(), entry.sha256())));
    return Collections.unmodifiableMap(files);
  }

  /**
   * Whether the manifest lists a file.
   *
   * @param relative the file, relative to the folder
   * @return true if so
   */
  public boolean lists(String relative) {
    return manifest.entries().containsKey(relative);
  }

  /**
   * Checks every listed file against its size and digest.
   *
   * @throws IllegalStateException naming the first file that is missing, truncated or changed
   */
  public void verifyAll() {
    manifest.verifyAll(folder);
  }

  /**
   * Checks one listed file against its size and digest, reading it as a stream (a file of any size
   * costs one buffer).
   *
   * @param relative the file, relative to the folder
   * @throws IllegalStateException if it is not listed, missing, of another size or digest
   */
  public void verify(String relative) {
    manifest.verify(folder, relative);
  }

  /**
   * A listed file's content, checked against its size and digest.
   *
   * @param relative the file, relative to the folder, e.g. {@code files/samples_summary.json}
   * @return its bytes
   * @throws IllegalStateException if it is not listed, missing, of another size or digest
   */
  public byte[] verifiedBytes(String relative) {
    return manifest.verifiedBytes(folder, relative);
  }
}
