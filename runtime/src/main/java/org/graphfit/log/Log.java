package org.graphfit.log;

import java.io.PrintStream;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A logger for the notices a user must not miss. With an SLF4J binding on the class path (e.g.
 * {@code org.slf4j:slf4j-simple}) every notice goes to SLF4J and the binding's configuration
 * decides what is shown. Without one, SLF4J would drop everything silently, so INFO and WARN
 * notices are printed on standard error instead, prefixed {@code [graphfit]}; DEBUG notices are
 * dropped. An INFO or WARN notice first blanks a {@link Progress} line shown on the terminal, so it
 * starts on a line of its own. Messages use SLF4J's {@code {}} placeholders. Thread safe.
 */
public final class Log {
  private static final boolean BOUND = hasBinding();
  private static final AtomicBoolean EXPLAINED = new AtomicBoolean();

  private final Logger logger;

  private Log(Logger logger) {
    this.logger = logger;
  }

  /**
   * The log of a class.
   *
   * @param type the class whose name the SLF4J logger takes
   * @return the log
   */
  public static Log of(Class<?> type) {
    return new Log(LoggerFactory.getLogger(type));
  }

  /**
   * Whether an SLF4J binding is on the class path.
   *
   * @return true if notices go to SLF4J, false if they are printed on standard error
   */
  public static boolean bound() {
    return BOUND;
  }

  /**
   * A notice about the course of a fit, e.g. that a completed fit was loaded.
   *
   * @param format the message, with {@code {}} placeholders
   * @param arguments the values of the placeholders
   */
  public void info(String format, Object... arguments) {
    ProgressDisplay.clearCurrentLine();
    if (BOUND) {
      logger.info(format, arguments);
    } else {
      print("", format, arguments);
    }
  }

  /**
   * A notice that something is wrong or a result cannot be trusted.
   *
   * @param format the message, with {@code {}} placeholders
   * @param arguments the values of the placeholders
   */
  public void warn(String format, Object... arguments) {
    ProgressDisplay.clearCurrentLine();
    if (BOUND) {
      logger.warn(format, arguments);
    } else {
      print("WARNING: ", format, arguments);
    }
  }

  /**
   * A detail for whoever debugs a fit; shown only through an SLF4J binding at DEBUG level.
   *
   * @param format the message, with {@code {}} placeholders
   * @param arguments the values of the placeholders
   */
  public void debug(String format, Object... arguments) {
    logger.debug(format, arguments);
  }

  /**
   * Whether INFO notices are shown, so that a caller can skip building an expensive message.
   *
   * @return true without a binding, else the SLF4J logger's answer
   */
  public boolean isInfoEnabled() {
    return !BOUND || logger.isInfoEnabled();
  }

  private static void print(String level, String format, Object[] arguments) {
    String message = MessageFormatter.arrayFormat(format, arguments).getMessage();
    PrintStream err = System.err;
    if (EXPLAINED.compareAndSet(false, true)) {
      err.println(
          "[graphfit] no SLF4J binding on the class path: notices are printed here; add one (e.g."
              + " org.slf4j:slf4j-simple) to configure them and to see progress lines");
    }
    err.println("[graphfit] " + level + message);
  }

  private static boolean hasBinding() {
    return ServiceLoader.load(SLF4JServiceProvider.class, Log.class.getClassLoader())
        .findFirst()
        .isPresent();
  }
}
