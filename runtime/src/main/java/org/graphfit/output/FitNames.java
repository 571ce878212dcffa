package org.graphfit.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names in an output root: a fit's name ({@code seed/joint}) and the relative names of the
 * files and folders of a fit, checked so that none leaves its place, and the identifier that names
 * a fit's folder.
 */
final class FitNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

  private FitNames() {}

  /** The folder of a fit's name under the root, refusing names that would leave it. */
  static Path resolve(Path root, String name) {
    String rule =
        "; use folders of letters, digits and _ . - separated by /, e.g. seed/joint (no empty, . or"
            + " .. folders, not absolute)";
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("output name '" + name + "' is malformed" + rule);
    }
    for (String segment : name.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "output name '"
                + name
                + "' has a '"
                + segment
                + "' folder, which would write outside"
                + " its place in the output root"
                + rule);
      }
    }
    Path base = root.toAbsolutePath().normalize();
    Path resolved = base.resolve(name).normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new IllegalArgumentException(
          "output name '" + name + "' does not name a folder inside " + root + rule);
    }
    return root.resolve(name);
  }

  /** The first 32 hex digits of the SHA-256 of the parts, each followed by a zero byte. */
  static String identifier(String... parts) {
    MessageDigest digest = Manifest.newDigest();
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
  }

  /** Checks a relative file or folder name of the fit. */
  static void checkRelative(String relative) {
    if (!NAME.matcher(relative).matches()) {
      throw new IllegalArgumentException(
          "'"
              + relative
              + "' is not a relative file name of the fit folder; use folders of letters, digits"
              + " and _ . - separated by /, e.g. image/fit.png");
    }
    for (String segment : relative.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "'" + relative + "' has a '" + segment + "' folder, which would leave the fit folder");
      }
    }
  }
}
