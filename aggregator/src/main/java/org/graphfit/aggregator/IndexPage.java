package org.graphfit.aggregator;

import static org.graphfit.output.HtmlPage.escape;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.HtmlPage;
import org.graphfit.search.Concern;

/**
 * One self-contained HTML page over many fits: a row per fit folder with its status, name, kind,
 * model, log evidence, likelihood calls, time and trust verdict, a link to its {@code report.html}
 * and its concerns. Corrupt folders are listed with their problem, incomplete ones with why. Rows
 * are grouped by status (corrupt first, then untrustworthy, trustworthy and incomplete fits), each
 * group by name; a click on a column heading sorts by it (a few lines of script in the page;
 * without script the page reads as written). Nothing is fetched: styles and script are inline.
 */
public final class IndexPage {
  private final String title;

  private IndexPage(String title) {
    this.title = title;
  }

  /**
   * A page with a title.
   *
   * @param title e.g. the output root
   * @return the page
   */
  public static IndexPage titled(String title) {
    return new IndexPage(title);
  }

  /** The order of a fit's group: what needs a look first. */
  private static int group(FitFolder fit) {
    return switch (fit.status()) {
      case CORRUPT -> 0;
      case COMPLETE -> fit.summary().trustworthy() ? 2 : 1;
      case INCOMPLETE -> 3;
    };
  }

  /**
   * The page's HTML.
   *
   * @param fits the fits, each checked against its manifest (the first time it is)
   * @param pageFolder the folder the page is written to, which links to the reports are relative to
   * @return the HTML
   */
  public String html(FitSelection fits, Path pageFolder) {
    List<FitFolder> sorted = new ArrayList<>(fits.list());
    sorted.sort(
        (a, b) -> {
          int byGroup = Integer.compare(group(a), group(b));
          return byGroup != 0 ? byGroup : a.path().compareTo(b.path());
        });
    int complete = 0;
    int untrusted = 0;
    int incomplete = 0;
    int corrupt = 0;
    for (FitFolder fit : sorted) {
      switch (group(fit)) {
        case 0 -> corrupt++;
        case 1 -> {
          complete++;
          untrusted++;
        }
        case 2 -> complete++;
        default -> incomplete++;
      }
    }
    StringBuilder html = HtmlPage.start(title, CSS);
    html.append("<p class=\"counts\">")
        .append(sorted.size())
        .append(sorted.size() == 1 ? " fit: " : " fits: ")
        .append(complete)
        .append(" complete (")
        .append(untrusted)
        .append(" not trustworthy), ")
        .append(incomplete)
        .append(" incomplete, ")
        .append(corrupt)
        .append(" corrupt</p>\n");
    html.append("<table id=\"fits\">\n<thead><tr>");
    for (String head :
        List.of(
            "status",
            "name",
            "kind",
            "model",
            "log Z",
            "calls",
            "seconds",
            "trust",
            "report",
            "concerns")) {
      html.append("<th>").append(head).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (FitFolder fit : sorted) {
      row(html, fit, pageFolder);
    }
    html.append("</tbody>\n</table>\n<p class=\"note\">Click a heading to sort by it. Every")
        .append(" completed fit was checked against its manifest when this page was written.</p>\n")
        .append("<script>\n")
        .append(SCRIPT)
        .append("</script>\n");
    return HtmlPage.end(html);
  }

  private static void row(StringBuilder html, FitFolder fit, Path pageFolder) {
    FitStatus status = fit.status();
    String group =
        switch (group(fit)) {
          case 0 -> "corrupt";
          case 1 -> "untrusted";
          case 2 -> "trusted";
          default -> "incomplete";
        };
    html.append("<tr class=\"").append(group).append("\">");
    cell(html, status.name().toLowerCase(Locale.ROOT), String.valueOf(group(fit)));
    cell(html, fit.name(), null);
    if (status == FitStatus.CORRUPT) {
      html.append("<td colspan=\"7\"></td><td class=\"problem\">")
          .append(escape(fit.problem()))
          .append("</td></tr>\n");
      return;
    }
    cell(html, fit.kind().name().toLowerCase(Locale.ROOT), null);
    cell(html, text(fit.modelType()), null);
    if (status != FitStatus.COMPLETE) {
      html.append("<td colspan=\"5\"></td><td class=\"problem\">")
          .append(escape(fit.problem()))
          .append("</td></tr>\n");
      return;
    }
    FitSummary summary = fit.summary();
    String logZ = number("%.3f", summary.logEvidence());
    if (!Double.isNaN(summary.logEvidenceError())) {
      logZ += number(" \u00b1 %.3f", summary.logEvidenceError());
    } else if (summary.logEvidenceApproximate() && !logZ.isEmpty()) {
      logZ += " (approx.)";
    }
    numberCell(html, logZ, summary.logEvidence());
    numberCell(
        html,
        summary.likelihoodCalls() < 0 ? "" : Long.toString(summary.likelihoodCalls()),
        summary.likelihoodCalls());
    numberCell(html, number("%.2f", summary.seconds()), summary.seconds());
    html.append(
        summary.trustworthy()
            ? "<td class=\"yes\" data-sort=\"1\">yes</td>"
            : "<td class=\"no\" data-sort=\"0\">NO</td>");
    if (fit.files().containsKey("report.html")) {
      String link = pageFolder.relativize(fit.path().resolve("report.html")).toString();
      html.append("<td><a href=\"")
          .append(escape(link.replace('\\', '/')))
          .append("\">report</a></td>");
    } else {
      html.append("<td></td>");
    }
    html.append("<td class=\"concerns\">");
    for (Concern concern : summary.concerns()) {
      html.append("<div><b>")
          .append(escape(concern.check().name()))
          .append("</b>: ")
          .append(escape(concern.message()))
          .append("</div>");
    }
    html.append("</td></tr>\n");
  }

  private static void cell(StringBuilder html, String text, String sort) {
    html.append(sort == null ? "<td>" : "<td data-sort=\"" + sort + "\">")
        .append(escape(text))
        .append("</td>");
  }

  private static void numberCell(StringBuilder html, String text, double value) {
    html.append("<td class=\"number\"");
    if (!Double.isNaN(value) && value >= -Double.MAX_VALUE) {
      html.append(" data-sort=\"").append(Double.toString(value)).append('"');
    }
    html.append('>').append(escape(text)).append("</td>");
  }

  /**
   * Writes the page, atomically.
   *
   * @param fits the fits
   * @param file the page, e.g. {@code output/index.html}
   * @return the file
   * @throws java.io.UncheckedIOException if it cannot be written
   */
  public Path write(FitSelection fits, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    AtomicFiles.write(absolute, html(fits, absolute.getParent()).getBytes(StandardCharsets.UTF_8));
    return absolute;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String number(String format, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }

  private static final String CSS =
      """
      body { margin: 0; background: #f6f7f9; color: #1f2328;
        font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1400px; margin: 0 auto; padding: 20px 24px 36px; background: #fff; }
      h1 { font-size: 24px; margin: 0 0 8px; }
      .counts { color: #57606a; margin: 0 0 14px; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; width: 100%; }
      th, td { padding: 4px 8px; text-align: left; border-bottom: 1px solid #eaeef2;
        vertical-align: top; }
      thead th { background: #f6f8fa; cursor: pointer; white-space: nowrap; user-select: none; }
      thead th.sorted::after { content: " \\25be"; color: #57606a; }
      td.number { text-align: right; white-space: nowrap; }
      tr.corrupt { background: #ffebe9; }
      tr.untrusted td.no { color: #a40e26; font-weight: 600; }
      tr.incomplete { color: #57606a; }
      td.yes { color: #116329; font-weight: 600; }
      td.problem { color: #a40e26; font-size: 13px; }
      td.problem, td.concerns { overflow-wrap: anywhere; min-width: 24em; }
      tr.corrupt td:first-child { color: #a40e26; font-weight: 600; }
      td div { font-size: 13px; margin: 1px 0; }
      .note { color: #57606a; font-size: 12.5px; }
      footer { margin-top: 28px; color: #8c959f; font-size: 12px; }
      """;

  private static final String SCRIPT =
      """
      (function () {
        var table = document.getElementById("fits");
        var heads = table.tHead.rows[0].cells;
        var body = table.tBodies[0];
        function key(row, c) {
          var cell = row.cells[c];
          if (!cell) return "";
          var sort = cell.getAttribute("data-sort");
          return sort !== null ? parseFloat(sort) : cell.textContent.toLowerCase();
        }
        for (var c = 0; c < heads.length; c++) {
          heads[c].addEventListener("click", (function (c) {
            return function () {
              var rows = Array.prototype.slice.call(body.rows);
              var down = !heads[c].classList.contains("sorted");
              rows.sort(function (a, b) {
                var x = key(a, c), y = key(b, c);
                if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;
                return (x < y ? -1 : x > y ? 1 : 0) * (down ? 1 : -1);
              });
              for (var h = 0; h < heads.length; h++) heads[h].classList.remove("sorted");
              if (down) heads[c].classList.add("sorted");
              rows.forEach(function (row) { body.appendChild(row); });
            };
          })(c));
        }
      })();
      """;
}
