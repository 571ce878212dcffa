package org.graphfit.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The live progress of one long-running computation (a search, an EP fit), shown without any
 * configuration: on a terminal as one self-overwriting line on standard error, refreshed twice a
 * second; through {@link Log} at INFO every 30 seconds when an SLF4J binding is on the class path
 * and no terminal is attached; not at all otherwise (tests, output piped to a file). {@link
 * Display} and the system property {@code graphfit.progress} ({@code auto}, {@code terminal},
 * {@code log}, {@code off}) choose explicitly.
 *
 * <p>An engine owns a few numeric slots and writes its own measure of how far it is into them as it
 * goes ({@link #set}: one plain store, no allocation, no string, no clock read); a timer thread
 * reads them and builds the line with the engine's {@link Line} only when it is shown. A
 * computation that ends within a second shows nothing. Thread safe: slots may be written by one
 * thread and read by the timer thread.
 */
public final class Progress {
  /** Where progress lines are shown. */
  public enum Display {
    /** A terminal line if a console is attached, else log lines if SLF4J is bound, else none. */
    AUTO,
    /** One self-overwriting line on standard error. */
    TERMINAL,
    /** A line through {@link Log} at INFO every 30 seconds. */
    LOG,
    /** Nothing. */
    OFF
  }

  /** Builds the shown line from a progress's slots; called on the timer thread only. */
  @FunctionalInterface
  public interface Line {
    /**
     * The line, without the computation's name.
     *
     * @param progress the progress whose slots are read with {@link Progress#get}
     * @return the line
     */
    String describe(Progress progress);
  }

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(double[].class);

  private final String name;
  private final double[] slots;
  private final Line line;
  private final long startNanos;
  private final ProgressDisplay display;

  /** When the next log line is due; read and written by the timer thread only. */
  long nextLogNanos;

  Progress(String name, int slotCount, Line line, long startNanos, ProgressDisplay display) {
    this.name = Objects.requireNonNull(name, "name");
    this.slots = new double[slotCount];
    this.line = Objects.requireNonNull(line, "line");
    this.startNanos = startNanos;
    this.display = display;
    java.util.Arrays.fill(slots, Double.NaN);
  }

  /**
   * Starts showing the progress of a computation, as the current {@link #display(Display)} decides.
   *
   * @param name the computation's name, shown at the start of the line
   * @param slotCount the number of numeric slots the computation writes, all NaN at first
   * @param line builds the line from the slots when it is shown
   * @return the progress; {@link #finish()} it when the computation ends, also on failure
   */
  public static Progress start(String name, int slotCount, Line line) {
    return ProgressDisplay.current().start(name, slotCount, line);
  }

  /**
   * Chooses where progress is shown from now on, overriding the system property {@code
   * graphfit.progress}; computations already running keep their display.
   *
   * @param display where progress is shown
   */
  public static void display(Display display) {
    ProgressDisplay.choose(Objects.requireNonNull(display, "display"));
  }

  /**
   * Writes a slot: one plain store, visible to the timer thread soon after.
   *
   * @param slot the slot
   * @param value its value
   */
  public void set(int slot, double value) {
    SLOTS.setOpaque(slots, slot, value);
  }

  /**
   * Reads a slot.
   *
   * @param slot the slot
   * @return its last written value, NaN before the first
   */
  public double get(int slot) {
    return (double) SLOTS.getOpaque(slots, slot);
  }

  /**
   * The computation's name.
   *
   * @return the name given at the start
   */
  public String name() {
    return name;
  }

  /**
   * The seconds since the start.
   *
   * @return the elapsed seconds
   */
  public double seconds() {
    return (System.nanoTime() - startNanos) * 1e-9;
  }

  /**
   * The line as it would be shown now, name included.
   *
   * @return the line
   */
  public String line() {
    String text;
    try {
      text = line.describe(this);
    } catch (RuntimeException e) {
      text = "(progress line failed: " + e + ")";
    }
    return name + ": " + text;
  }

  /** Stops showing this progress; a terminal keeps its last line. Idempotent. */
  public void finish() {
    if (display != null) {
      display.finish(this);
    }
  }

  long startNanos() {
    return startNanos;
  }

  /**
   * A remaining time for the line, e.g. {@code "ETA 3m 20s"}, or {@code "ETA ?"} when unknown.
   *
   * @param seconds the estimated seconds left, NaN or infinite if unknown
   * @return the text
   */
  public static String eta(double seconds) {
    if (!(seconds >= 0) || seconds > 1e8) {
      return "ETA ?";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return "ETA " + s + "s";
    }
    if (s < 3600) {
      return "ETA " + s / 60 + "m " + s % 60 + "s";
    }
    return "ETA " + s / 3600 + "h " + s % 3600 / 60 + "m";
  }
}
