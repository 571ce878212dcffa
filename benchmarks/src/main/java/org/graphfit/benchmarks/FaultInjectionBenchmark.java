package org.graphfit.benchmarks;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphfit.benchmarks.FaultTarget.Data;
import org.graphfit.benchmarks.FaultTarget.Kind;
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
  private Attacks attacker;

  /** An attack. */
  record Attack(Kind kind, String category, String target, Attacks.Body body) {}

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
    attacker = new Attacks(references, random);
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
    Map<Attacks.Outcome, Integer> counts = new EnumMap<>(Attacks.Outcome.class);
    for (Attacks.Outcome outcome : Attacks.Outcome.values()) {
      counts.put(outcome, 0);
    }
    int number = 0;
    for (Attack attack : chosen) {
      number++;
      Path root = work.resolve("attacks").resolve(Integer.toString(number));
      Files.createDirectories(root);
      Attacks.Verdict verdict;
      try {
        verdict = attack.body().run(root);
      } catch (Exception | Error e) {
        verdict = new Attacks.Verdict(Attacks.Outcome.WRONG, "the attack itself failed: " + e);
      }
      counts.merge(verdict.outcome(), 1, Integer::sum);
      print(number, attack, verdict);
      if (!keep) {
        Folders.deleteRecursively(root);
      }
    }
    double total = (System.nanoTime() - start) * 1e-9;
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("summary", true);
      summary.put("attacks", chosen.size());
      summary.put("identical", counts.get(Attacks.Outcome.IDENTICAL));
      summary.put("clear_error", counts.get(Attacks.Outcome.CLEAR_ERROR));
      summary.put("wrong", counts.get(Attacks.Outcome.WRONG));
      summary.put("skipped", counts.get(Attacks.Outcome.SKIPPED));
      summary.put("seconds", total);
      summary.put("note", diskNote);
      out.println(JSON.writeValueAsString(summary));
    } else {
      out.printf(
          Locale.ROOT,
          "%n%d attacks: %d identical, %d clear error, %d WRONG, %d skipped; %.0f s%s%n",
          chosen.size(),
          counts.get(Attacks.Outcome.IDENTICAL),
          counts.get(Attacks.Outcome.CLEAR_ERROR),
          counts.get(Attacks.Outcome.WRONG),
          counts.get(Attacks.Outcome.SKIPPED),
          total,
          diskNote == null ? "" : " (" + diskNote + ")");
    }
    if (temporary && !keep) {
      Folders.deleteRecursively(work);
    }
    return counts.get(Attacks.Outcome.WRONG) == 0 ? 0 : 1;
  }

  private void print(int number, Attack attack, Attacks.Verdict verdict) throws IOException {
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
    ChildJvm child = ChildJvm.start(Attacks.command(kind, Data.MAIN, record, "record"));
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

  static String lastWith(List<String> lines, String prefix) {
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
                root -> attacker.killPaused(kind, root, mode)));
      }
    }
    for (int k = 0; k < randomKills; k++) {
      long millis = (long) (random.nextDouble() * seconds.get(kind) * 1000);
      list.add(
          new Attack(
              kind,
              "kill at random",
              "after " + millis + " ms",
              root -> attacker.killAt(kind, root, millis)));
    }
    // damage to every file of a completed and of an interrupted fit
    for (Map.Entry<String, Path> template :
        Map.of("completed", completed.get(kind), "interrupted", interrupted.get(kind))
            .entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .toList()) {
      for (Path file : Folders.files(template.getValue())) {
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
                  root -> attacker.damaged(kind, template.getValue(), relative, damage, at, root)));
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
              Folders.copy(completed.get(kind), root);
              return attacker.judge(kind, Data.OTHER, root, false);
            }));
    list.add(
        new Attack(
            kind,
            "other data",
            "after an interrupted fit",
            root -> {
              Folders.copy(interrupted.get(kind), root);
              return attacker.judge(kind, Data.OTHER, root, false);
            }));
    // two writers
    list.add(
        new Attack(
            kind,
            "two writers",
            "second fails at once",
            root -> attacker.twoWriters(kind, root, 0)));
    list.add(
        new Attack(
            kind,
            "two writers",
            "second waits for the first",
            root -> attacker.twoWriters(kind, root, 120)));
    list.add(
        new Attack(
            kind,
            "two writers",
            "both killed, then resumed",
            root ->
                attacker.twoKilled(
                    kind, root, (long) (random.nextDouble() * seconds.get(kind) * 1000))));
    // a full disk
    if (disk) {
      long bytes = Folders.pages(completed.get(kind));
      for (double fraction : new double[] {0.25, 0.5, 0.75, 1.0}) {
        long kib = Math.max(8, (long) (fraction * bytes / 1024));
        list.add(
            new Attack(
                kind,
                "full disk",
                kib + " KiB of " + bytes / 1024,
                root -> attacker.fullDisk(kind, root, kib)));
      }
    }
    return list;
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

  private static String shorten(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }
}
