package org.graphfit.log;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows the running {@link Progress}es: on a terminal, the oldest one's line, followed by the
 * newest other one's (a search inside an EP fit) and how many more run, rewritten in place; as log
 * lines, each one every 30 seconds. The timer thread runs only while something is in progress.
 */
final class ProgressDisplay {
  static final long FIRST_SHOWN_NANOS = 1_000_000_000L;
  static final long TERMINAL_PERIOD_NANOS = 500_000_000L;
  static final long LOG_PERIOD_NANOS = 30_000_000_000L;

  private static final String PROPERTY = "graphfit.progress";
  private static final Log LOG = Log.of(Progress.class);
  private static volatile ProgressDisplay current;

  private final Progress.Display mode;
  private final PrintStream terminal;
  private final Consumer<String> logSink;
  private final LongSupplier clock;
  private final boolean timed;
  private final int width;
  private final List<Progress> active = new ArrayList<>();
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> ticks;
  private int shownLength;

  /**
   * A display.
   *
   * @param mode TERMINAL, LOG or OFF
   * @param terminal where terminal lines go
   * @param logSink where log lines go
   * @param clock nanoseconds
   * @param timed whether a timer thread ticks (else the caller calls {@link #tick()})
   * @param width the longest terminal line
   */
  ProgressDisplay(
      Progress.Display mode,
      PrintStream terminal,
      Consumer<String> logSink,
      LongSupplier clock,
      boolean timed,
      int width) {
    this.mode = mode;
    this.terminal = terminal;
    this.logSink = logSink;
    this.clock = clock;
    this.timed = timed;
    this.width = width;
  }

  static ProgressDisplay current() {
    ProgressDisplay display = current;
    return display != null ? display : fromPropertyOnce();
  }

  private static synchronized ProgressDisplay fromPropertyOnce() {
    if (current == null) {
      current = of(fromProperty());
    }
    return current;
  }

  static synchronized void choose(Progress.Display display) {
    current = of(display);
  }

  private static ProgressDisplay of(Progress.Display requested) {
    Progress.Display mode = requested == Progress.Display.AUTO ? automatic() : requested;
    return new ProgressDisplay(
        mode, System.err, line -> LOG.info("{}", line), System::nanoTime, true, terminalWidth());
  }

  private static Progress.Display fromProperty() {
    String value = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
    try {
      return Progress.Display.valueOf(value);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "ignoring -D{}={}: expected auto, terminal, log or off",
          PROPERTY,
          System.getProperty(PROPERTY));
      return Progress.Display.AUTO;
    }
  }

  /** A terminal if one is attached, else the log if SLF4J is bound and shows INFO, else nothing. */
  private static Progress.Display automatic() {
    if (isTerminal()) {
      return Progress.Display.TERMINAL;
    }
    return Log.bound() && LOG.isInfoEnabled() ? Progress.Display.LOG : Progress.Display.OFF;
  }

  /**
   * Whether standard input and output are a terminal: a console exists and, from Java 22 on, where
   * a console exists also when they are redirected, it says it is a terminal.
   */
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static int terminalWidth() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return Math.max(40, columns - 1);
    } catch (NumberFormatException e) {
      return 119;
    }
  }

  Progress start(String name, int slotCount, Progress.Line line) {
    long now = clock.getAsLong();
    if (mode == Progress.Display.OFF) {
      return new Progress(name, slotCount, line, now, null);
    }
    Progress progress = new Progress(name, slotCount, line, now, this);
    progress.nextLogNanos = now + LOG_PERIOD_NANOS;
    synchronized (this) {
      active.add(progress);
      if (timed && ticks == null) {
        if (timer == null) {
          timer = timerThread();
        }
        long period = mode == Progress.Display.TERMINAL ? TERMINAL_PERIOD_NANOS : 1_000_000_000L;
        ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
      }
    }
    return progress;
  }

  synchronized void finish(Progress progress) {
    int index = active.indexOf(progress);
    if (index < 0) {
      return;
    }
    active.remove(index);
    if (mode == Progress.Display.TERMINAL && shownLength > 0 && (index == 0 || active.isEmpty())) {
      // the outermost computation ended: leave its final line on the terminal
      show(progress.line());
      terminal.println();
      terminal.flush();
      shownLength = 0;
    }
    if (active.isEmpty() && ticks != null) {
      ticks.cancel(false);
      ticks = null;
    }
  }

  /**
   * Blanks the terminal line of the display in use, if one is shown, so that a notice printed next
   * starts on a clean line; the next tick draws the progress again below it.
   */
  static void clearCurrentLine() {
    ProgressDisplay display = current;
    if (display != null) {
      display.clearLine();
    }
  }

  synchronized void clearLine() {
    if (shownLength > 0) {
      terminal.print('\r' + " ".repeat(shownLength) + '\r');
      terminal.flush();
      shownLength = 0;
    }
  }

  /** Shows what is due now. */
  synchronized void tick() {
    long now = clock.getAsLong();
    if (mode == Progress.Display.TERMINAL) {
      if (active.isEmpty() || now - active.get(0).startNanos() < FIRST_SHOWN_NANOS) {
        return;
      }
      StringBuilder text = new StringBuilder(active.get(0).line());
      if (active.size() > 1) {
        text.append(" | ").append(active.get(active.size() - 1).line());
      }
      if (active.size() > 2) {
        text.append(" (+").append(active.size() - 2).append(" more)");
      }
      show(text.toString());
    } else if (mode == Progress.Display.LOG) {
      for (Progress progress : active) {
        if (now - progress.nextLogNanos >= 0) {
          progress.nextLogNanos = now + LOG_PERIOD_NANOS;
          logSink.accept(progress.line());
        }
      }
    }
  }

  private void show(String line) {
    String text = line.length() > width ? line.substring(0, width - 1) + "…" : line;
    StringBuilder out =
        new StringBuilder(text.length() + shownLength + 1).append('\r').append(text);
    for (int i = text.length(); i < shownLength; i++) {
      out.append(' ');
    }
    terminal.print(out);
    terminal.flush();
    shownLength = text.length();
  }

  private static ScheduledExecutorService timerThread() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "graphfit-progress");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
