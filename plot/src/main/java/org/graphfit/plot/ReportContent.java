package org.graphfit.plot;

import java.util.List;
import java.util.Map;

/**
 * What a {@link Report} shows, in the order the page shows it.
 *
 * @param title the page's title
 * @param facts the fit's figures and cost, by name
 * @param concerns why the fit is not trustworthy, each {@code CHECK: message}
 * @param tableHead the results table's headings
 * @param rows the results table's rows, the parameter's name first
 * @param parameterCount how many parameters the fit has (the table lists at most {@link
 *     Report#MOST_ROWS})
 * @param tableNote the note below the table
 * @param figures the pictures
 * @param texts the text blocks, shown folded at the end
 * @param warnings what went wrong around the fit, shown beside the verdict
 */
record ReportContent(
    String title,
    Map<String, String> facts,
    List<String> concerns,
    List<String> tableHead,
    List<List<String>> rows,
    int parameterCount,
    String tableNote,
    List<ReportEntry> figures,
    List<ReportEntry> texts,
    List<String> warnings) {

  ReportContent withTitle(String title) {
    return new ReportContent(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        warnings);
  }

  ReportContent withFigures(List<ReportEntry> figures) {
    return new ReportContent(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        warnings);
  }

  ReportContent withTexts(List<ReportEntry> texts) {
    return new ReportContent(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        warnings);
  }

  ReportContent withWarnings(List<String> warnings) {
    return new ReportContent(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        warnings);
  }
}
