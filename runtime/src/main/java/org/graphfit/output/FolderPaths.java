package org.graphfit.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.HookLog;

/**
 * Where a fit's hooks write: an {@link OutputFolder} or a sub-folder of it. Files written through
 * it go through the folder's atomic writes and are listed in its manifest.
 */
final class FolderPaths implements FitPaths {
  private final OutputFolder owner;
  private final String prefix;

  /**
   * The paths of a folder below a fit folder.
   *
   * @param owner the fit folder
   * @param prefix the sub-folder relative to it followed by {@code /}, or empty for the fit folder
   */
  FolderPaths(OutputFolder owner, String prefix) {
    this.owner = owner;
    this.prefix = prefix;
  }

  @Override
  public Path folder() {
    return created(owner.path().resolve(prefix.isEmpty() ? "." : prefix).normalize());
  }

  @Override
  public Path image() {
    return created(folder().resolve("image"));
  }

  @Override
  public Path dataset() {
    return created(folder().resolve("files").resolve("dataset"));
  }

  @Override
  public void write(String relative, byte[] content) {
    FitNames.checkRelative(relative);
    owner.write(prefix + relative, content);
  }

  @Override
  public void write(String relative, String text) {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public HookLog hooks() {
    return owner.hooks();
  }

  @Override
  public FitPaths child(String relative) {
    FitNames.checkRelative(relative);
    return new FolderPaths(owner, prefix + relative + "/");
  }

  private Path created(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + path + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return owner.path().resolve(prefix).toString();
  }
}
