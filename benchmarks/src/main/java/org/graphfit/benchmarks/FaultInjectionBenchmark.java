package org.graphfit.benchmarks;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.graphfit.benchmarks.FaultTarget.Data;
import org.graphfit.benchmarks.FaultTarget.Kind;
import org.graphfit.examples.ExampleData;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.WriteListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Attacks fits with output folders (nested sampling on one dataset, a graph of three datasets, EP
 * on a hierarchy of three) and compares every outcome with a clean run of the same fit: {@code
 * identical} (the same samples and evidence, or the same EP approximation, history and evidence),
 * {@code clear error} (an exception whose message names the damaged folder or file), or {@code
 * WRONG} (another result without an error, an error that names nothing, or a killed fit that does
 * not resume).
 *
 * <p>Killed fits must resume: an error, or a checkpoint set aside as damaged, after a kill is
 * {@code WRONG}. By default 240 attacks are drawn at random from the 380 or so there are ({@code
 * --attacks 0} runs them all).
 *
 * <p>The attacks: {@code kill -9} of a child JVM paused at every stage of every file write it makes
 * (a write listener pauses it there) and at random moments; a flipped byte, a truncation, a
 * deletion and an emptying of every file of a completed fit and of an interrupted one (killed just
 * after a checkpoint); other data into the same root, after a completed and after an interrupted
 * fit; two child JVMs writing one folder (failing fast, waiting, and both killed); a full disk (a
 * small tmpfs in a private mount namespace, where {@code unshare} and {@code mount} are allowed),
 * after which the same fit with space must end identical. Killed or interrupted fits are resumed in
 * this JVM.
 */
@Command(
    name = "fault-injection-benchmark",
    mixinStandardHelpOptions = true,
    description = "Kills, damages, races and fills the disk under fits with output folders.")
public final class FaultInjectionBenchmark implements Callable<Integer> {
  private static final JsonMapper JSON = new JsonMapper();
  private static final List<String> DAMAGES = List.of("flip", "truncate", "delete", "empty");

  @Option(
      names = "--attacks",
      defaultValue = "240",
      description =
          "Attacks to run, drawn at random from all of them (about 380); 0 for all (default:"
              + " ${DEFAULT-VALUE}).")
  private int attacks;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the attack draws (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--random-kills",
      defaultValue = "8",
      description = "Kills at random moments per fit (default: ${DEFAULT-VALUE}).")
  private int randomKills;

  @Option(
      names = "--fits",
      split = ",",
      defaultValue = "NESTED,GRAPH,EP",
      description = "Fits to attack (default: ${DEFAULT-VALUE}).")
  private List<Kind> kinds;

  @Option(names = "--work", description = "Folder for the fits (default: a new temporary one).")
  private Path work;

  @Option(names = "--keep", description = "Keep the attacked folders.")
  private boolean keep;

  @Option(names = "--json", description = "Print one JSON object per attack and a summary.")
  private boolean json;

  private final PrintStream out = System.out;
  private final Map<Kind, Map<Data, String>> references = new EnumMap<>(Kind.class);
  private final Map<Kind, Path> completed = new EnumMap<>(Kind.class);
  private final Map<Kind, Path> interrupted = new EnumMap<>(Kind.class);
  private final Map<Kind, Double> seconds = new EnumMap<>(Kind.class);
  private final Map<Kind, List<String>> recorded = new EnumMap<>(Kind.class);
  private Random random;

  /** An outcome of an attack. */
  enum Outcome {
    IDENTICAL("identical"),
    CLEAR_ERROR("clear error"),
    WRONG("WRONG"),
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
    Verdict run(Path root) throws Exception;
  }

  /** An attack. */
  record Attack(Kind kind, String category, String target, Body body) {}

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // the fits' notices (loading, resuming, damaged checkpoints) would drown the table
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    System.exit(new CommandLine(new FaultInjectionBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    random = new Random(seed);
    boolean temporary = work == null;
    work = (temporary ? Files.createTempDirectory("graphfit-faults") : work).toAbsolutePath();
    List<Attack> catalogue = new ArrayList<>();
    String diskNote = null;
    boolean disk = fullDiskPossible();
    if (!disk) {
      diskNote = "full-disk attacks skipped: cannot mount a tmpfs in a private mount namespace";
    }
    for (Kind kind : kinds) {
      prepare(kind);
      catalogue.addAll(attacks(kind, disk));
    }
    List<Attack> chosen = choose(catalogue);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%d attacks (of %d) on fits taking %s s uninterrupted; work folder %s%n%n",
          chosen.size(),
          catalogue.size(),
          seconds.values().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(),
          work);
      out.printf(
          Locale.ROOT,
          "%4s  %-6s  %-14s  %-52s  %-11s  %s%n",
          "#",
          "fit",
          "attack",
          "target",
          "outcome",
          "detail");
    }
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      counts.put(outcome, 0);
    }
    int number = 0;
    for (Attack attack : chosen) {
      number++;
      Path root = work.resolve("attacks").resolve(Integer.toString(number));
      Files.createDirectories(root);
      Verdict verdict;
      try {
        verdict = attack.body().run(root);
      } catch (Exception | Error e) {
        verdict = new Verdict(Outcome.WRONG, "the attack itself failed: " + e);
      }
      counts.merge(verdict.outcome(), 1, Integer::sum);
      print(number, attack, verdict);
      if (!keep) {
        deleteRecursively(root);
      }
    }
    double total = (System.nanoTime() - start) * 1e-9;
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("summary", true);
      summary.put("attacks", chosen.size());
      summary.put("identical", counts.get(Outcome.IDENTICAL));
      summary.put("clear_error", counts.get(Outcome.CLEAR_ERROR));
      summary.put("wrong", counts.get(Outcome.WRONG));
      summary.put("skipped", counts.get(Outcome.SKIPPED));
      summary.put("seconds", total);
      summary.put("note", diskNote);
      out.println(JSON.writeValueAsString(summary));
    } else {
      out.printf(
          Locale.ROOT,
          "%n%d attacks: %d identical, %d clear error, %d WRONG, %d skipped; %.0f s%s%n",
          chosen.size(),
          counts.get(Outcome.IDENTICAL),
          counts.get(Outcome.CLEAR_ERROR),
          counts.get(Outcome.WRONG),
          counts.get(Outcome.SKIPPED),
          total,
          diskNote == null ? "" : " (" + diskNote + ")");
    }
    if (temporary && !keep) {
      deleteRecursively(work);
    }
    return counts.get(Outcome.WRONG) == 0 ? 0 : 1;
  }

  private void print(int number, Attack attack, Verdict verdict) throws IOException {
    if (json) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("attack", number);
      row.put("fit", attack.kind().name().toLowerCase(Locale.ROOT));
      row.put("category", attack.category());
      row.put("target", attack.target());
      row.put("outcome", verdict.outcome().label);
      row.put("detail", verdict.detail());
      out.println(JSON.writeValueAsString(row));
    } else {
      out.printf(
          Locale.ROOT,
          "%4d  %-6s  %-14s  %-52s  %-11s  %s%n",
          number,
          attack.kind().name().toLowerCase(Locale.ROOT),
          attack.category(),
          attack.target(),
          verdict.outcome().label,
          shorten(verdict.detail(), 110));
    }
    out.flush();
  }

  /** The chosen attacks, in catalogue order. */
  private List<Attack> choose(List<Attack> catalogue) {
    if (attacks <= 0 || attacks >= catalogue.size()) {
      return catalogue;
    }
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < catalogue.size(); i++) {
      indices.add(i);
    }
    Collections.shuffle(indices, random);
    List<Integer> picked = new ArrayList<>(indices.subList(0, attacks));
    Collections.sort(picked);
    return picked.stream().map(catalogue::get).toList();
  }

  // ---------------------------------------------------------------- preparation

  /** Reference results, a completed and an interrupted folder, and the record of every write. */
  private void prepare(Kind kind) throws IOException, InterruptedException {
    Map<Data, String> fingerprints = new EnumMap<>(Data.class);
    for (Data data : Data.values()) {
      Path root = work.resolve("reference").resolve(kind + "-" + data);
      fingerprints.put(data, FaultTarget.fit(kind, data, root, Duration.ZERO));
    }
    references.put(kind, fingerprints);
    completed.put(kind, work.resolve("reference").resolve(kind + "-" + Data.MAIN));
    Path record = work.resolve("record").resolve(kind.toString());
    Child child = Child.start(command(kind, Data.MAIN, record, "record"));
    List<String> lines = child.finish(Duration.ofMinutes(5));
    String result = lastWith(lines, "RESULT ");
    if (!fingerprints.get(Data.MAIN).equals(result)) {
      throw new IllegalStateException(
          kind + " fitted in a child JVM differs from the same fit here: " + lines);
    }
    seconds.put(kind, Double.parseDouble(lastWith(lines, "SECONDS ")));
    recorded.put(kind, lines.stream().filter(l -> l.startsWith("WRITE ")).toList());
    Path stopped = work.resolve("interrupted").resolve(kind.toString());
    long checkpoints =
        recorded.get(kind).stream().filter(l -> l.equals("WRITE checkpoint.bin REPLACED")).count();
    long stopAt = Math.max(1, checkpoints / 2);
    AtomicInteger seen = new AtomicInteger();
    AtomicFiles.setListener(
        (file, stage) -> {
          if (file.getFileName().toString().equals("checkpoint.bin")
              && stage == WriteListener.Stage.REPLACED
              && seen.incrementAndGet() == stopAt) {
            throw new IllegalStateException("interrupted after checkpoint " + stopAt);
          }
        });
    try {
      FaultTarget.fit(kind, Data.MAIN, stopped, Duration.ZERO);
      throw new IllegalStateException(kind + " was not interrupted");
    } catch (IllegalStateException e) {
      if (!e.getMessage().startsWith("interrupted")) {
        throw e;
      }
    } finally {
      AtomicFiles.setListener(null);
    }
    interrupted.put(kind, stopped);
  }

  private static String lastWith(List<String> lines, String prefix) {
    String found = null;
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        found = line.substring(prefix.length());
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- the catalogue

  private List<Attack> attacks(Kind kind, boolean disk) throws IOException {
    List<Attack> list = new ArrayList<>();
    // kill -9 at every stage of every write (first and a later occurrence of repeated ones)
    Map<String, Integer> occurrences = new LinkedHashMap<>();
    for (String line : recorded.get(kind)) {
      occurrences.merge(line.substring("WRITE ".length()), 1, Integer::sum);
    }
    for (Map.Entry<String, Integer> entry : occurrences.entrySet()) {
      String[] parts = entry.getKey().split(" ");
      List<Integer> which = new ArrayList<>(List.of(1));
      if (entry.getValue() > 1) {
        which.add(2 + random.nextInt(entry.getValue() - 1));
      }
      for (int occurrence : which) {
        String mode = "pause:" + parts[0] + ":" + parts[1] + ":" + occurrence;
        list.add(
            new Attack(
                kind,
                "kill writing",
                parts[0] + " " + parts[1].toLowerCase(Locale.ROOT) + " #" + occurrence,
                root -> killPaused(kind, root, mode)));
      }
    }
    for (int k = 0; k < randomKills; k++) {
      long millis = (long) (random.nextDouble() * seconds.get(kind) * 1000);
      list.add(
          new Attack(
              kind,
              "kill at random",
              "after " + millis + " ms",
              root -> killAt(kind, root, millis)));
    }
    // damage to every file of a completed and of an interrupted fit
    for (Map.Entry<String, Path> template :
        Map.of("completed", completed.get(kind), "interrupted", interrupted.get(kind))
            .entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .toList()) {
      for (Path file : files(template.getValue())) {
        String relative = template.getValue().relativize(file).toString();
        String shortName = relative.substring(relative.indexOf('/', relative.indexOf('/') + 1) + 1);
        for (String damage : DAMAGES) {
          long size = Files.size(file);
          long at = size == 0 ? 0 : (long) (random.nextDouble() * size);
          String target =
              template.getKey()
                  + " "
                  + shortName
                  + (damage.equals("flip") || damage.equals("truncate") ? " @" + at : "");
          list.add(
              new Attack(
                  kind,
                  damage,
                  target,
                  root -> damaged(kind, template.getValue(), relative, damage, at, root)));
        }
      }
    }
    // other data into the same root
    list.add(
        new Attack(
            kind,
            "other data",
            "after a completed fit",
            root -> {
              copy(completed.get(kind), root);
              return judge(kind, Data.OTHER, root, false);
            }));
    list.add(
        new Attack(
            kind,
            "other data",
            "after an interrupted fit",
            root -> {
              copy(interrupted.get(kind), root);
              return judge(kind, Data.OTHER, root, false);
            }));
    // two writers
    list.add(
        new Attack(kind, "two writers", "second fails at once", root -> twoWriters(kind, root, 0)));
    list.add(
        new Attack(
            kind,
            "two writers",
            "second waits for the first",
            root -> twoWriters(kind, root, 120)));
    list.add(
        new Attack(
            kind,
            "two writers",
            "both killed, then resumed",
            root ->
                twoKilled(kind, root, (long) (random.nextDouble() * seconds.get(kind) * 1000))));
    // a full disk
    if (disk) {
      long bytes = pages(completed.get(kind));
      for (double fraction : new double[] {0.25, 0.5, 0.75, 1.0}) {
        long kib = Math.max(8, (long) (fraction * bytes / 1024));
        list.add(
            new Attack(
                kind,
                "full disk",
                kib + " KiB of " + bytes / 1024,
                root -> fullDisk(kind, root, kib)));
      }
    }
    return list;
  }

  // ---------------------------------------------------------------- the attacks

  /** Fits into the root in this JVM and compares with the reference. */
  private Verdict judge(Kind kind, Data data, Path root, boolean mustResume) {
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
      return files(root).stream().anyMatch(f -> f.getFileName().toString().endsWith(".corrupt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> command(Kind kind, Data data, Path root, String mode, String... more) {
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

  private Verdict killPaused(Kind kind, Path root, String mode) throws Exception {
    Child child = Child.start(command(kind, Data.MAIN, root, mode));
    String line =
        child.await(l -> l.equals("PAUSED") || l.startsWith("RESULT"), Duration.ofMinutes(2));
    child.kill();
    Verdict verdict = judge(kind, Data.MAIN, root, true);
    if (line == null || !line.equals("PAUSED")) {
      return new Verdict(verdict.outcome(), "never paused (" + line + ") " + verdict.detail());
    }
    return verdict;
  }

  private Verdict killAt(Kind kind, Path root, long millis) throws Exception {
    Child child = Child.start(command(kind, Data.MAIN, root, "run"));
    child.await(l -> l.equals("STARTED"), Duration.ofMinutes(2));
    Thread.sleep(millis);
    boolean finished = child.kill();
    Verdict verdict = judge(kind, Data.MAIN, root, true);
    return finished
        ? new Verdict(verdict.outcome(), "finished before the kill " + verdict.detail())
        : verdict;
  }

  private Verdict damaged(
      Kind kind, Path template, String relative, String damage, long at, Path root)
      throws IOException {
    copy(template, root);
    Path file = root.resolve(relative);
    byte[] bytes = Files.readAllBytes(file);
    switch (damage) {
      case "flip" -> {
        bytes[(int) at] ^= (byte) (1 << random.nextInt(8));
        Files.write(file, bytes);
      }
      case "truncate" -> Files.write(file, java.util.Arrays.copyOf(bytes, (int) at));
      case "delete" -> Files.delete(file);
      case "empty" -> Files.write(file, new byte[0]);
      default -> throw new IllegalArgumentException(damage);
    }
    return judge(kind, Data.MAIN, root, false);
  }

  private Verdict twoWriters(Kind kind, Path root, int waitSeconds) throws Exception {
    String wait = Integer.toString(waitSeconds);
    Child first = Child.start(command(kind, Data.MAIN, root, "run", wait));
    Child second = Child.start(command(kind, Data.MAIN, root, "run", wait));
    List<String> results = new ArrayList<>();
    for (Child child : List.of(first, second)) {
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

  private Verdict twoKilled(Kind kind, Path root, long millis) throws Exception {
    Child first = Child.start(command(kind, Data.MAIN, root, "run", "120"));
    Child second = Child.start(command(kind, Data.MAIN, root, "run", "120"));
    first.await(l -> l.equals("STARTED"), Duration.ofMinutes(2));
    Thread.sleep(millis);
    first.kill();
    Thread.sleep(millis / 2);
    second.kill();
    return judge(kind, Data.MAIN, root, true);
  }

  private Verdict fullDisk(Kind kind, Path root, long kib) throws Exception {
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
    Child child = Child.start(List.of("unshare", "-m", "sh", "-c", script));
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

  private boolean fullDiskPossible() throws IOException, InterruptedException {
    Path probe = Files.createDirectories(work.resolve("probe"));
    try {
      Process process =
          new ProcessBuilder(
                  "unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs '" + probe + "'")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- files and children

  /** The regular files under a folder, sorted. */
  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** The bytes a folder's files take on a tmpfs (whole pages), twice the largest for its copy. */
  private static long pages(Path folder) throws IOException {
    long total = 0;
    long largest = 0;
    for (Path file : files(folder)) {
      long size = (Files.size(file) + 4095) / 4096 * 4096;
      total += size;
      largest = Math.max(largest, size);
    }
    return total + largest;
  }

  private static void copy(Path from, Path to) throws IOException {
    for (Path file : files(from)) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }

  /** A child JVM whose standard output is read line by line. */
  private static final class Child {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private static final String END = "\u0000end";

    private Child(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    seen.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process was killed
                }
                lines.add(END);
              });
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(List<String> command) throws IOException {
      return new Child(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** The first line that matches, or null if the child ended or the time ran out first. */
    String await(java.util.function.Predicate<String> match, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(END)) {
          return null;
        }
        if (match.test(line)) {
          return line;
        }
      }
    }

    /** Kills the child with SIGKILL; true if it had ended before. */
    boolean kill() throws InterruptedException {
      boolean ended = !process.isAlive();
      process.destroyForcibly();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a killed child JVM did not end");
      }
      return ended;
    }

    /** Waits for the child to end and returns everything it printed. */
    List<String> finish(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("a child JVM did not end in " + timeout);
      }
      await(line -> false, Duration.ofSeconds(30));
      synchronized (seen) {
        return new ArrayList<>(seen);
      }
    }
  }
}
