package org.graphfit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.graphfit.benchmarks.FaultTarget.Data;
import org.graphfit.benchmarks.FaultTarget.Kind;
import org.graphfit.examples.ExampleData;

/**
 * The attacks of {@link FaultInjectionBenchmark}, each on a fresh output root, and how their
 * outcome is judged against the reference fingerprints of clean runs.
 */
final class Attacks {
  /** An outcome of an attack. */
  enum Outcome {
    /** The same result as a clean run. */
    IDENTICAL("identical"),
    /** An exception whose message names the damaged folder or file. */
    CLEAR_ERROR("clear error"),
    /** Another result without an error, an error naming nothing, or a killed fit lost. */
    WRONG("WRONG"),
    /** Not run: the machine cannot stage the attack. */
    SKIPPED("skipped");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  /** An outcome and what was seen. */
  record Verdict(Outcome outcome, String detail) {}

  /** One attack on a fresh root. */
  @FunctionalInterface
  interface Body {
    /** Runs the attack on an empty root and judges its outcome. */
    Verdict run(Path root) throws Exception;
  }

  private final Map<Kind, Map<Data, String>> references;
  private final Random random;

  /**
   * Attacks judged against the given references.
   *
   * @param references per fit and data, the fingerprint of a clean run (filled before any attack)
   * @param random the source of random choices
   */
  Attacks(Map<Kind, Map<Data, String>> references, Random random) {
    this.references = references;
    this.random = random;
  }

  /** Fits into the root in this JVM and compares with the reference. */
  Verdict judge(Kind kind, Data data, Path root, boolean mustResume) {
    String fingerprint;
    try {
      fingerprint = FaultTarget.fit(kind, data, root, Duration.ZERO);
    } catch (IOException | RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (mustResume) {
        return new Verdict(Outcome.WRONG, "lost fit, the killed fit did not resume: " + message);
      }
      if (message.contains(root.toString())) {
        return new Verdict(Outcome.CLEAR_ERROR, message.replace(root + "/", ""));
      }
      return new Verdict(Outcome.WRONG, "an error that names no file: " + e);
    }
    if (!fingerprint.equals(references.get(kind).get(data))) {
      return new Verdict(Outcome.WRONG, "another result than the clean run's, without an error");
    }
    if (mustResume && setAside(root)) {
      return new Verdict(Outcome.WRONG, "progress lost: an intact checkpoint was set aside");
    }
    return new Verdict(Outcome.IDENTICAL, "");
  }

  /** Whether a fit set a checkpoint or history aside as damaged. */
  private static boolean setAside(Path root) {
    try {
      return Folders.files(root).stream()
          .anyMatch(f -> f.getFileName().toString().endsWith(".corrupt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> command(Kind kind, Data data, Path root, String mode, String... more) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "-D" + ExampleData.PROPERTY + "=" + ExampleData.folder().toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                FaultTarget.class.getName(),
                kind.name(),
                data.name(),
                root.toString(),
                mode));
    command.addAll(List.of(more));
    return command;
  }

  Verdict killPaused(Kind kind, Path root, String mode) throws Exception {
    ChildJvm child = ChildJvm.start(command(kind, Data.MAIN, root, mode));
    String line =
        child.await(l -> l.equals("PAUSED") || l.startsWith("RESULT"), Duration.ofMinutes(2));
    child.kill();
    Verdict verdict = judge(kind, Data.MAIN, root, true);
    if (line == null || !line.equals("PAUSED")) {
      return new Verdict(verdict.outcome(), "never paused (" + line + ") " + verdict.detail());
    }
    return verdict;
  }

  Verdict killAt(Kind kind, Path root, long millis) throws Exception {
    ChildJvm child = ChildJvm.start(command(kind, Data.MAIN, root, "run"));
    child.await(l -> l.equals("STARTED"), Duration.ofMinutes(2));
    Thread.sleep(millis);
    boolean finished = child.kill();
    Verdict verdict = judge(kind, Data.MAIN, root, true);
    return finished
        ? new Verdict(verdict.outcome(), "finished before the kill " + verdict.detail())
        : verdict;
  }

  Verdict damaged(Kind kind, Path template, String relative, String damage, long at, Path root)
      throws IOException {
    Folders.copy(template, root);
    Path file = root.resolve(relative);
    byte[] bytes = Files.readAllBytes(file);
    switch (damage) {
      case "flip" -> {
        bytes[(int) at] ^= (byte) (1 << random.nextInt(8));
        Files.write(file, bytes);
      }
      case "truncate" -> Files.write(file, Arrays.copyOf(bytes, (int) at));
      case "delete" -> Files.delete(file);
      case "empty" -> Files.write(file, new byte[0]);
      default -> throw new IllegalArgumentException(damage);
    }
    return judge(kind, Data.MAIN, root, false);
  }

  Verdict twoWriters(Kind kind, Path root, int waitSeconds) throws Exception {
    String wait = Integer.toString(waitSeconds);
    ChildJvm first = ChildJvm.start(command(kind, Data.MAIN, root, "run", wait));
    ChildJvm second = ChildJvm.start(command(kind, Data.MAIN, root, "run", wait));
    List<String> results = new ArrayList<>();
    for (ChildJvm child : List.of(first, second)) {
      List<String> lines = child.finish(Duration.ofMinutes(5));
      String result = lastWith(lines, "RESULT ");
      String error = lastWith(lines, "ERROR ");
      if (result != null) {
        if (!result.equals(references.get(kind).get(Data.MAIN))) {
          return new Verdict(Outcome.WRONG, "a writer returned another result");
        }
        results.add("identical");
      } else if (error != null && error.contains("is being written by another fit")) {
        if (waitSeconds > 0) {
          return new Verdict(Outcome.WRONG, "a waiting writer gave up: " + error);
        }
        results.add("refused");
      } else {
        return new Verdict(Outcome.WRONG, "a writer ended with " + lines);
      }
    }
    if (!results.contains("identical")) {
      return new Verdict(Outcome.WRONG, "no writer completed the fit");
    }
    Verdict after = judge(kind, Data.MAIN, root, true);
    return new Verdict(after.outcome(), "writers: " + results + "; " + after.detail());
  }

  Verdict twoKilled(Kind kind, Path root, long millis) throws Exception {
    ChildJvm first = ChildJvm.start(command(kind, Data.MAIN, root, "run", "120"));
    ChildJvm second = ChildJvm.start(command(kind, Data.MAIN, root, "run", "120"));
    first.await(l -> l.equals("STARTED"), Duration.ofMinutes(2));
    Thread.sleep(millis);
    first.kill();
    Thread.sleep(millis / 2);
    second.kill();
    return judge(kind, Data.MAIN, root, true);
  }

  Verdict fullDisk(Kind kind, Path root, long kib) throws Exception {
    Path mount = root.resolve("disk");
    Files.createDirectories(mount);
    String run = String.join(" ", quoted(command(kind, Data.MAIN, mount, "run")));
    String script =
        "mount -t tmpfs -o size="
            + kib
            + "k tmpfs '"
            + mount
            + "' || exit 97; "
            + run
            + "; echo FREED; mount -o remount,size=262144k '"
            + mount
            + "' && "
            + run;
    ChildJvm child = ChildJvm.start(List.of("unshare", "-m", "sh", "-c", script));
    List<String> lines = child.finish(Duration.ofMinutes(5));
    int freed = lines.indexOf("FREED");
    if (freed < 0) {
      return new Verdict(Outcome.SKIPPED, "could not mount the tmpfs: " + lines);
    }
    String full = lastWith(lines.subList(0, freed), "RESULT ");
    String error = lastWith(lines.subList(0, freed), "ERROR ");
    String after = lastWith(lines.subList(freed, lines.size()), "RESULT ");
    String reference = references.get(kind).get(Data.MAIN);
    if (full != null && !full.equals(reference)) {
      return new Verdict(Outcome.WRONG, "the fit on the full disk returned another result");
    }
    if (full == null && (error == null || !error.contains(mount.toString()))) {
      return new Verdict(Outcome.WRONG, "the fit on the full disk ended with " + lines);
    }
    if (!reference.equals(after)) {
      return new Verdict(Outcome.WRONG, "with space again the fit ended with " + lines);
    }
    return new Verdict(
        Outcome.IDENTICAL,
        (full != null ? "fitted in the space" : "full: " + error.replace(mount + "/", ""))
            + "; with space: identical");
  }

  private static List<String> quoted(List<String> words) {
    return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
  }

  private static String lastWith(List<String> lines, String prefix) {
    return FaultInjectionBenchmark.lastWith(lines, prefix);
  }
}
