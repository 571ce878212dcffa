package org.graphfit.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.search.FitStore;

/**
 * {@code files/manifest.json}: the size and SHA-256 of every file of a completed fit, written after
 * all of them; its presence marks the fit complete. Reading a fit back checks every file against
 * it, so a truncated, edited or damaged file is an error, never a different result.
 */
final class Manifest {
  /** The manifest's path in a fit folder. */
  static final String FILE = "files/manifest.json";

  private static final String FORMAT = "graphfit-manifest/1";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final String identifier;
  private final Map<String, Entry> files;

  /** A file's size and digest. */
  record Entry(long bytes, String sha256) {
    static Entry of(byte[] content) {
      return new Entry(content.length, Manifest.sha256(content));
    }

    /**
     * Writes a file atomically from a stream and returns its entry, computed as it is written: for
     * content too large to hold in memory at once.
     */
    static Entry written(Path file, FitStore.Content content) {
      MessageDigest sha = newDigest();
      long[] size = new long[1];
      AtomicFiles.write(
          file,
          out -> {
            OutputStream counting =
                new FilterOutputStream(out) {
                  @Override
                  public void write(int b) throws IOException {
                    out.write(b);
                    sha.update((byte) b);
                    size[0]++;
                  }

                  @Override
                  public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    sha.update(bytes, offset, length);
                    size[0] += length;
                  }
                };
            content.writeTo(counting);
            counting.flush();
          });
      return new Entry(size[0], HexFormat.of().formatHex(sha.digest()));
    }
  }

  private Manifest(String identifier, Map<String, Entry> files) {
    this.identifier = identifier;
    this.files = files;
  }

  /** A manifest of the given files. */
  static Manifest of(String identifier, Map<String, Entry> files) {
    return new Manifest(identifier, new LinkedHashMap<>(files));
  }

  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(newDigest().digest(content));
  }

  /** The listed files, in the order they were written. */
  Map<String, Entry> entries() {
    return files;
  }

  /** The manifest's JSON. */
  byte[] toBytes() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("identifier", identifier);
    root.put("completed", true);
    Map<String, Object> entries = new LinkedHashMap<>();
    files.forEach(
        (name, entry) -> {
          // an ordered map: Map.of iterates in an order that changes from one JVM to the next
          Map<String, Object> fields = new LinkedHashMap<>();
          fields.put("bytes", entry.bytes());
          fields.put("sha256", entry.sha256());
          entries.put(name, fields);
        });
    root.put("files", entries);
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the manifest", e);
    }
  }

  /**
   * Reads a folder's manifest and checks that it belongs to the folder and lists every required
   * file.
   *
   * @throws IllegalStateException if it is empty, unreadable, of another folder or incomplete
   */
  static Manifest read(Path folder, Collection<String> required) {
    Path file = folder.resolve(FILE);
    String fix = "; delete the folder " + folder + " to fit again";
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e, e);
    }
    if (bytes.length == 0) {
      throw new IllegalStateException(
          file
              + " is empty: the completion marker of this fit is damaged, so its files cannot be"
              + " trusted"
              + fix);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(
          file + " is not valid JSON (" + e.getMessage() + "): it is damaged" + fix, e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalStateException(
          file + " is not a GraphFit manifest of format " + FORMAT + fix);
    }
    String owner = root.path("identifier").asText();
    String expected = folder.getFileName().toString();
    if (!owner.equals(expected)) {
      throw new IllegalStateException(
          file
              + " belongs to the fit with identifier "
              + owner
              + ", not "
              + expected
              + " (was the folder copied or renamed?)"
              + fix);
    }
    Map<String, Entry> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.path("files").properties()) {
      JsonNode value = entry.getValue();
      if (!value.path("bytes").canConvertToLong() || !value.path("sha256").isTextual()) {
        throw new IllegalStateException(file + " has a damaged entry for " + entry.getKey() + fix);
      }
      files.put(
          entry.getKey(), new Entry(value.path("bytes").asLong(), value.path("sha256").asText()));
    }
    for (String name : required) {
      if (!files.containsKey(name)) {
        throw new IllegalStateException(
            file
                + " does not list "
                + name
                + ", a file every completed fit has: it is damaged"
                + fix);
      }
    }
    return new Manifest(owner, files);
  }

  /**
   * Checks every listed file against its size and digest.
   *
   * @throws IllegalStateException naming the first file that is missing, truncated or changed
   */
  void verifyAll(Path folder) {
    for (String name : files.keySet()) {
      verify(folder, name);
    }
  }

  /** Whether the manifest lists a file. */
  boolean lists(String name) {
    return files.containsKey(name);
  }

  /**
   * Checks a listed file against its size and digest, reading it as a stream (a history of many
   * sweeps may be larger than the heap).
   *
   * @throws IllegalStateException if it is missing, of another size or another digest
   */
  void verify(Path folder, String name) {
    Entry entry = entry(folder, name);
    long size = 0;
    MessageDigest sha = newDigest();
    try (InputStream in = Files.newInputStream(folder.resolve(name))) {
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha.update(buffer, 0, read);
        size += read;
      }
    } catch (NoSuchFileException e) {
      throw missing(folder, name, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + folder.resolve(name) + ": " + e, e);
    }
    check(folder, name, entry, size, HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * A listed file's content, checked against its size and digest.
   *
   * @throws IllegalStateException if it is missing, of another size or another digest
   */
  byte[] verifiedBytes(Path folder, String name) {
    Entry entry = entry(folder, name);
    byte[] content;
    try {
      content = Files.readAllBytes(folder.resolve(name));
    } catch (NoSuchFileException e) {
      throw missing(folder, name, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + folder.resolve(name) + ": " + e, e);
    }
    check(folder, name, entry, content.length, sha256(content));
    return content;
  }

  private static String fix(Path folder) {
    return "; restore it, or delete the folder " + folder + " to fit again (nothing in it is used)";
  }

  private Entry entry(Path folder, String name) {
    Entry entry = files.get(name);
    if (entry == null) {
      throw new IllegalStateException(
          folder.resolve(name) + " is not listed in " + folder.resolve(FILE) + fix(folder));
    }
    return entry;
  }

  private static IllegalStateException missing(Path folder, String name, NoSuchFileException e) {
    return new IllegalStateException(
        folder.resolve(name)
            + " is missing, but the fit wrote it ("
            + folder.resolve(FILE)
            + " lists it)"
            + fix(folder),
        e);
  }

  private static void check(Path folder, String name, Entry entry, long size, String digest) {
    Path file = folder.resolve(name);
    if (size != entry.bytes()) {
      throw new IllegalStateException(
          file
              + " has "
              + size
              + " bytes but the fit wrote "
              + entry.bytes()
              + " (recorded in "
              + folder.resolve(FILE)
              + "): it is "
              + (size < entry.bytes() ? "truncated" : "changed")
              + fix(folder));
    }
    if (!digest.equals(entry.sha256())) {
      throw new IllegalStateException(
          file
              + " is damaged or was edited: its SHA-256 differs from the one recorded in "
              + folder.resolve(FILE)
              + " when it was written"
              + fix(folder));
    }
  }

  /** A new SHA-256 digest. */
  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
