package org.graphfit.search;

import java.util.List;
import java.util.Locale;

/**
 * The text of a {@code model.results}-style summary, as sampled fits and expectation propagation
 * write it: a name padded to 40 columns then its value on each line, numbers to six significant
 * digits, a verdict first and every concern last.
 */
public final class SummaryText {
  private final StringBuilder text = new StringBuilder();

  private SummaryText() {}

  /**
   * A summary that starts with its verdict: {@code yes}, or how many concerns follow.
   *
   * @param concerns the result's concerns; none means trustworthy
   * @return the summary
   */
  public static SummaryText withVerdict(List<Concern> concerns) {
    SummaryText summary = new SummaryText();
    summary.line(
        "Trustworthy",
        concerns.isEmpty()
            ? "yes"
            : "NO ("
                + concerns.size()
                + (concerns.size() == 1 ? " concern" : " concerns")
                + " below)");
    return summary;
  }

  /**
   * Appends a line: the name padded to 40 columns (or followed by one space), then the value.
   *
   * @param name the name
   * @param value the value
   * @return this summary
   */
  public SummaryText line(String name, String value) {
    text.append(name.length() >= 40 ? name + " " : name + " ".repeat(40 - name.length()));
    text.append(value).append('\n');
    return this;
  }

  /**
   * Appends a section heading after a blank line, {@code \n<title>:\n\n}.
   *
   * @param title the title
   * @return this summary
   */
  public SummaryText section(String title) {
    text.append('\n').append(title).append(":\n\n");
    return this;
  }

  /**
   * Appends the heading of the intervals at a number of sigma, {@code Summary (3.0 sigma limits)}.
   *
   * @param sigma the number of sigma
   * @return this summary
   */
  public SummaryText intervalsHeading(double sigma) {
    text.append(String.format(Locale.ROOT, "%nSummary (%.1f sigma limits):%n%n", sigma));
    return this;
  }

  /**
   * A number as the summary shows it, to six significant digits ({@code %.6g}).
   *
   * @param value the number
   * @return the text
   */
  public static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }

  /**
   * A median with its interval as the summary shows them, {@code median (lower, upper)}.
   *
   * @param median the median
   * @param lower the interval's lower bound
   * @param upper its upper bound
   * @return the text
   */
  public static String interval(double median, double lower, double upper) {
    return format(median) + " (" + format(lower) + ", " + format(upper) + ")";
  }

  /**
   * Seconds as the summary shows them, to three decimals.
   *
   * @param seconds the seconds
   * @return the text
   */
  public static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  /**
   * Ends the summary with its concerns, if there are any, each as a line named by its check.
   *
   * @param concerns the result's concerns
   * @return the text
   */
  public String withConcerns(List<Concern> concerns) {
    if (!concerns.isEmpty()) {
      section("Concerns");
      for (Concern concern : concerns) {
        line(concern.check().name(), concern.message());
      }
    }
    return text.toString();
  }
}
