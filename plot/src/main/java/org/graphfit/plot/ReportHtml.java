package org.graphfit.plot;

import static org.graphfit.output.HtmlPage.escape;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.graphfit.output.HtmlPage;

/** Renders a report's content as one self-contained HTML page: inline CSS and pictures. */
final class ReportHtml {
  private ReportHtml() {}

  /** The report as one HTML document with everything inline. */
  static String html(ReportContent content) {
    String title = content.title();
    Map<String, String> facts = content.facts();
    List<String> concerns = content.concerns();
    List<String> warnings = content.warnings();
    List<String> tableHead = content.tableHead();
    List<List<String>> rows = content.rows();
    String tableNote = content.tableNote();
    int parameterCount = content.parameterCount();
    StringBuilder html = HtmlPage.start(title, CSS);
    if (concerns.isEmpty()) {
      html.append("<p class=\"verdict good\">Trustworthy: every self-check passed.</p>\n");
    } else {
      html.append("<p class=\"verdict bad\">Not trustworthy: ")
          .append(concerns.size())
          .append(concerns.size() == 1 ? " concern" : " concerns")
          .append("</p>\n<ul class=\"concerns\">\n");
      for (String concern : concerns) {
        int colon = concern.indexOf(':');
        html.append("<li><b>")
            .append(escape(concern.substring(0, colon)))
            .append("</b>")
            .append(escape(concern.substring(colon)))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    if (!warnings.isEmpty()) {
      html.append("<p class=\"verdict warn\">")
          .append(warnings.size())
          .append(warnings.size() == 1 ? " warning" : " warnings")
          .append("</p>\n<ul class=\"warnings\">\n");
      for (String warning : warnings) {
        html.append("<li>").append(escape(warning)).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<h2>Fit and cost</h2>\n<table class=\"facts\">\n");
    facts.forEach(
        (name, value) ->
            html.append("<tr><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n"));
    html.append("</table>\n<h2>Results</h2>\n<div class=\"wide\"><table class=\"results\">\n<tr>");
    for (String head : tableHead) {
      html.append("<th>").append(escape(head)).append("</th>");
    }
    html.append("</tr>\n");
    for (List<String> row : rows) {
      html.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        html.append(c == 0 ? "<th>" : "<td>")
            .append(escape(row.get(c)))
            .append(c == 0 ? "</th>" : "</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table></div>\n<p class=\"note\">").append(escape(tableNote));
    if (parameterCount > rows.size()) {
      html.append(" The first ")
          .append(rows.size())
          .append(" of ")
          .append(parameterCount)
          .append(" parameters are listed; all are in the fit's files.");
    }
    html.append("</p>\n");
    for (ReportEntry entry : content.figures()) {
      html.append("<figure>\n").append(image(entry.figure())).append("\n<figcaption>");
      html.append(escape(entry.caption())).append("</figcaption>\n</figure>\n");
    }
    for (ReportEntry entry : content.texts()) {
      html.append("<details>\n<summary>")
          .append(escape(entry.caption()))
          .append("</summary>\n<pre>")
          .append(escape(firstLines(entry.text())))
          .append("</pre>\n</details>\n");
    }
    return HtmlPage.end(html);
  }

  /** The first {@value Report#MOST_LINES} lines of a text and how many more there are. */
  private static String firstLines(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length <= Report.MOST_LINES) {
      return text;
    }
    return String.join("\n", Arrays.asList(lines).subList(0, Report.MOST_LINES))
        + "\n\u2026 "
        + (lines.length - Report.MOST_LINES)
        + " more lines in the fit's model.info";
  }

  /** The figure as an inline image: SVG or PNG, whichever is smaller. */
  private static String image(Figure figure) {
    byte[] png = figure.png();
    // a picture file is a raster already: an SVG of it would only wrap the same pixels
    byte[] svg =
        figure instanceof PictureFile ? null : figure.svg().getBytes(StandardCharsets.UTF_8);
    boolean vector = svg != null && svg.length <= png.length;
    return "<img alt=\"\" width=\""
        + figure.width()
        + "\" src=\"data:image/"
        + (vector ? "svg+xml" : "png")
        + ";base64,"
        + Base64.getEncoder().encodeToString(vector ? svg : png)
        + "\">";
  }

  private static final String CSS =
      """
      body { margin: 0; background: #f6f7f9; color: #1f2328;
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
      h1 { font-size: 26px; margin: 0 0 12px; }
      h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #d8dee4; }
      .verdict { display: inline-block; padding: 6px 14px; border-radius: 6px; font-weight: 600; }
      .good { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
      .bad { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
      .warn { background: #fff8c5; color: #7d4e00; border: 1px solid #d4a72c; margin-left: 8px; }
      .concerns li { margin: 4px 0; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 9px; text-align: left; border-bottom: 1px solid #eaeef2; }
      .wide { overflow-x: auto; }
      table.results { font-size: 14px; }
      table.facts th { font-weight: 500; color: #57606a; }
      table.results tr:first-child th { background: #f6f8fa; font-weight: 600; }
      table.results th { font-weight: 500; white-space: nowrap; }
      table.results td { white-space: nowrap; }
      .note { color: #57606a; font-size: 13px; }
      figure { margin: 26px 0; }
      figure img { max-width: 100%; height: auto; border: 1px solid #eaeef2; }
      figcaption { color: #57606a; font-size: 14px; margin-top: 4px; }
      details { margin: 12px 0; }
      summary { cursor: pointer; font-weight: 600; }
      pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 12.5px; }
      footer { margin-top: 32px; color: #8c959f; font-size: 12px; }
      """;
}
