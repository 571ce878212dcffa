package org.graphfit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process of {@link FaultInjectionBenchmark} whose standard output is read line by line
 * (its standard error is discarded), so the benchmark can wait for a line, kill it with SIGKILL or
 * collect everything it printed.
 */
final class ChildJvm {
  /** Queued after the last line. */
  private static final String END = "\u0000end";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  private ChildJvm(Process process) {
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

  /** Starts a command. */
  static ChildJvm start(List<String> command) throws IOException {
    return new ChildJvm(
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
  }

  /** The first line that matches, or null if the child ended or the time ran out first. */
  String await(Predicate<String> match, Duration timeout) throws InterruptedException {
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
